package io.sensequant.market;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An exchange's trading sessions: weekdays that are not holidays. Serializable so that Spark tasks
 * (synthetic bars, window planning) use exactly the calendar the driver loaded.
 */
public final class TradingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String exchange;
    private final String timezone;
    private final LocalTime sessionOpen;
    private final LocalTime sessionClose;
    private final Set<DayOfWeek> weekend;
    private final TreeSet<LocalDate> holidays;

    public TradingCalendar(String exchange, String timezone, LocalTime sessionOpen, LocalTime sessionClose,
                           Set<DayOfWeek> weekend, Set<LocalDate> holidays) {
        this.exchange = exchange;
        this.timezone = timezone;
        this.sessionOpen = sessionOpen;
        this.sessionClose = sessionClose;
        this.weekend = Set.copyOf(weekend);
        this.holidays = new TreeSet<>(holidays);
    }

    public String exchange() {
        return exchange;
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public LocalTime sessionOpen() {
        return sessionOpen;
    }

    public LocalTime sessionClose() {
        return sessionClose;
    }

    public boolean isTradingDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** Trading days in [start, end], both inclusive, in order. */
    public List<LocalDate> tradingDays(LocalDate start, LocalDate end) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            if (isTradingDay(day)) {
                days.add(day);
            }
        }
        return days;
    }

    /** The trading day {@code sessions} sessions after {@code date} (date itself need not trade). */
    public LocalDate addSessions(LocalDate date, int sessions) {
        LocalDate day = date;
        int remaining = sessions;
        while (remaining > 0) {
            day = day.plusDays(1);
            if (isTradingDay(day)) {
                remaining--;
            }
        }
        return day;
    }

    /** Number of trading sessions in (from, to]; 0 when to is not after from. */
    public int sessionsBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isTradingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
