package io.sensequant.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One symbol's rows from one file, parsed once and then shared by every chunk of that symbol (immutable, so
 * safe across fetch threads). Rows are kept sorted by timestamp so a chunk is two binary searches; each row
 * remembers whether it came out of time order in the file, so a chunk can report the rows it re-sorted.
 * A series with a data problem keeps only the problem: every chunk of the symbol fails with it, because
 * writing part of a symbol whose file is known to be wrong would hide the problem.
 */
final class CsvSeries {
    /** A parsed row, before it becomes a {@link Bar} for a particular symbol and interval. */
    private record Row(Instant ts, double open, double high, double low, double close, long volume,
                       boolean outOfOrder) {
    }

    /** The bars of one chunk, sorted by ts, and how many of them were out of time order in the file. */
    record Selection(List<Bar> bars, int rowsOutOfOrder) {
    }

    private static final Comparator<Row> BY_TS = Comparator.comparing(Row::ts);

    private final String label;
    private final String problem;
    private final Row[] rows;

    private CsvSeries(String label, String problem, Row[] rows) {
        this.label = label;
        this.problem = problem;
        this.rows = rows;
    }

    /** How the series is named in warnings, e.g. "RELIANCE.csv" or "prices.csv (symbol RELIANCE)". */
    String label() {
        return label;
    }

    /** Bars with exchange-local date in [start, end], or the series' data problem. */
    Selection select(String symbol, String interval, LocalDate start, LocalDate end, ZoneId zone)
            throws CsvDataException {
        if (problem != null) {
            throw new CsvDataException(problem);
        }
        int from = firstAtOrAfter(start.atStartOfDay(zone).toInstant());
        int to = firstAtOrAfter(end.plusDays(1).atStartOfDay(zone).toInstant());
        List<Bar> bars = new ArrayList<>(Math.max(0, to - from));
        int outOfOrder = 0;
        for (int i = from; i < to; i++) {
            Row r = rows[i];
            bars.add(new Bar(symbol, interval, r.ts(), r.open(), r.high(), r.low(), r.close(), r.volume()));
            if (r.outOfOrder()) {
                outOfOrder++;
            }
        }
        return new Selection(bars, outOfOrder);
    }

    private int firstAtOrAfter(Instant instant) {
        int lo = 0;
        int hi = rows.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid].ts().isBefore(instant)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Collects rows in file order; after the first problem it only counts further problems. */
    static final class Builder {
        private final String label;
        private final List<Row> rows = new ArrayList<>();
        private Instant latest;
        private String firstProblem;
        private long moreProblems;

        Builder(String label) {
            this.label = label;
        }

        void add(Instant ts, double open, double high, double low, double close, long volume) {
            if (firstProblem != null) {
                return;
            }
            // Out of order: earlier than a row above it. An equal timestamp is a duplicate, which the
            // guardrails handle; it is not reported here.
            boolean outOfOrder = latest != null && ts.isBefore(latest);
            if (!outOfOrder) {
                latest = ts;
            }
            rows.add(new Row(ts, open, high, low, close, volume, outOfOrder));
        }

        void problem(String message) {
            if (firstProblem == null) {
                firstProblem = message;
                rows.clear();
            } else {
                moreProblems++;
            }
        }

        CsvSeries build() {
            if (firstProblem != null) {
                String more = moreProblems == 0 ? ""
                        : " (" + moreProblems + " more row" + (moreProblems == 1 ? "" : "s") + " of " + label
                        + (moreProblems == 1 ? " has" : " have") + " problems too)";
                return new CsvSeries(label, firstProblem + more, new Row[0]);
            }
            Row[] sorted = rows.toArray(new Row[0]);
            Arrays.sort(sorted, BY_TS); // stable: duplicates keep their file order for the guardrails
            return new CsvSeries(label, null, sorted);
        }
    }
}
