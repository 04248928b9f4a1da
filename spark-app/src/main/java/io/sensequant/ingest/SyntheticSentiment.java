package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic daily sentiment for one symbol: a latent AR(1) score {@code s = persistence * s' + noise * e},
 * clipped to [-1, 1], observed on a trading day with probability {@code synthetic_coverage}. The process starts
 * at a fixed origin date (ingest.synthetic.origin_date) from a neutral score, draws from a generator seeded by
 * base_seed and the symbol, and consumes exactly two draws per session whether or not the day is observed or
 * requested, so a day's snapshot never depends on the range asked for or on which other symbols run.
 */
final class SyntheticSentiment implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String SOURCE = "synthetic";

    private final double coverage;
    private final double persistence;
    private final double noise;
    private final long baseSeed;
    private final long[] sessionEpochDays;

    /** @param sessions every trading session from the origin date to the end of the requested range, in order */
    SyntheticSentiment(PipelineConfig.Sentiment params, long baseSeed, List<LocalDate> sessions) {
        this.coverage = params.syntheticCoverage();
        this.persistence = params.syntheticPersistence();
        this.noise = params.syntheticNoise();
        this.baseSeed = baseSeed;
        this.sessionEpochDays = sessions.stream().mapToLong(LocalDate::toEpochDay).toArray();
    }

    /** Rows (symbol, date, score, articles, source) of {@link SentimentIngestion#SCHEMA} in [start, end]. */
    List<Row> generate(String symbol, LocalDate start, LocalDate end) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(baseSeed, "sentiment/" + symbol));
        long first = start.toEpochDay();
        long last = end.toEpochDay();
        double score = 0.0;
        List<Row> rows = new ArrayList<>();
        for (long epochDay : sessionEpochDays) {
            double presence = random.nextDouble();
            double shock = random.nextGaussian();
            score = Math.max(-1.0, Math.min(1.0, persistence * score + noise * shock));
            if (epochDay < first || epochDay > last || presence >= coverage) {
                continue;
            }
            // articles: the synthetic source models no article counts, so the column is null rather than invented
            rows.add(RowFactory.create(symbol, Date.valueOf(LocalDate.ofEpochDay(epochDay)), score, null, SOURCE));
        }
        return rows;
    }
}
