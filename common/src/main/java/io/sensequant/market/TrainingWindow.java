package io.sensequant.market;

import java.io.Serializable;
import java.time.LocalDate;

/** A teacher's calendar window [start, end] for one symbol, labelled SYMBOL_YYYY-MM-DD_to_YYYY-MM-DD. */
public record TrainingWindow(String symbol, LocalDate start, LocalDate end) implements Serializable {
    public String label() {
        return symbol + "_" + start + "_to_" + end;
    }
}
