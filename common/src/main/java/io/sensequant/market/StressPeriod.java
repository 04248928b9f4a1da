package io.sensequant.market;

import java.time.LocalDate;

/** A historical crisis window from conf/stress_periods.yaml. */
public record StressPeriod(String id, String name, LocalDate start, LocalDate end, String description,
                           String severity, double expectedDrawdown) {
}
