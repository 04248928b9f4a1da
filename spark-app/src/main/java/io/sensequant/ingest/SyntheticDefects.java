package io.sensequant.ingest;

import io.sensequant.identity.Seeds;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Data defects injected into synthetic bars at {@code ingest.synthetic.defect_rate} so that the guardrails can be
 * exercised. Every decision comes from a generator seeded per symbol and date (never from the requested range), so
 * a defect appears on the same bar whatever range is generated.
 */
final class SyntheticDefects {
    static final int NONE = -1;
    static final int NEGATIVE_VOLUME = 0;
    static final int HIGH_BELOW_LOW = 1;
    /** A missing bar; for a session's day-level draw, the whole session is missing (a missing day). */
    static final int DROPPED = 2;
    static final int DUPLICATE = 3;
    private static final int KINDS = 4;

    private SyntheticDefects() {
    }

    /** The defect of one bar (or NONE); always two draws, so later bars of the same generator do not shift. */
    static int draw(SplittableRandom random, double rate) {
        double u = random.nextDouble();
        int kind = random.nextInt(KINDS);
        return u < rate ? kind : NONE;
    }

    /** The day-level defect of a symbol's session: of its daily bar, and a missing session in every interval. */
    static int day(long baseSeed, String symbol, LocalDate date, double rate) {
        if (rate <= 0) {
            return NONE;
        }
        return draw(new SplittableRandom(Seeds.derive(baseSeed, "synthetic/defects/" + symbol + "/" + date)), rate);
    }

    /** Generator of the per-bar defects of one intraday session, or null when defects are off. */
    static SplittableRandom bars(long baseSeed, String interval, String symbol, LocalDate date, double rate) {
        if (rate <= 0) {
            return null;
        }
        return new SplittableRandom(Seeds.derive(baseSeed, "synthetic/defects/" + interval + "/" + symbol + "/" + date));
    }
}
