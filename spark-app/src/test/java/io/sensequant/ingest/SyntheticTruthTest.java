package io.sensequant.ingest;

import io.sensequant.config.ConfDir;
import io.sensequant.config.ConfigLoader;
import io.sensequant.config.ConfigRequest;
import io.sensequant.config.PipelineConfig;
import io.sensequant.market.StressPeriod;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sensequant.ingest.SyntheticBarsTest.NSE;
import static io.sensequant.ingest.SyntheticBarsTest.SECTORS;
import static io.sensequant.ingest.SyntheticBarsTest.STRESS;
import static io.sensequant.ingest.SyntheticBarsTest.concat;
import static io.sensequant.ingest.SyntheticBarsTest.date;
import static io.sensequant.ingest.SyntheticBarsTest.inSector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic market tells the truth (plain Java, no Spark): crises are volatility and correlation shocks with no
 * drift to learn, and the planted signal of the known-answer profile is there when on and absent when off. Every
 * tolerance is a Student-t quantile times a standard error over independent units (seeds, or dates far enough
 * apart that their windows do not overlap), never a fixed number.
 */
class SyntheticTruthTest {
    /** Two-sided level of the tolerances: a correct generator fails a check about once in a thousand seeds sets. */
    static final double ALPHA = 0.001;
    static final long SEED = 20180101L;

    static PipelineConfig config(String profile, String... sets) {
        return new ConfigLoader(ConfDir.locate()).load(new ConfigRequest(List.of(), profile, null, Map.of(), List.of(),
                List.of(sets))).typed();
    }

    /** Half-width of a two-sided (1 - ALPHA) interval for the mean of {@code stats}. */
    static double tolerance(SummaryStatistics stats) {
        double quantile = new TDistribution(stats.getN() - 1).inverseCumulativeProbability(1 - ALPHA / 2);
        return quantile * stats.getStandardDeviation() / Math.sqrt(stats.getN());
    }

    static boolean inStress(LocalDate day) {
        for (StressPeriod p : STRESS) {
            if (!day.isBefore(p.start()) && !day.isAfter(p.end())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Unit of observation: one seed (an independent market). Per seed, the equal-weighted mean daily log return
     * inside the stress periods minus outside; the realised volatility ratio inside / outside averaged over
     * symbols; and the mean pairwise correlation inside minus outside.
     */
    @Test
    void crisesShockVolatilityAndCorrelationWithoutADrift() {
        PipelineConfig.Synthetic params = SyntheticBarsTest.CONFIG.ingest().synthetic();
        List<String> symbols = concat(concat(inSector("financials", 2), inSector("it", 2)), inSector("energy", 2));
        LocalDate from = LocalDate.of(2019, 1, 1);
        LocalDate to = LocalDate.of(2023, 12, 31);
        SummaryStatistics meanGap = new SummaryStatistics();
        SummaryStatistics volRatio = new SummaryStatistics();
        SummaryStatistics corrGap = new SummaryStatistics();
        SummaryStatistics outsideSd = new SummaryStatistics();
        int seeds = 24;
        for (int k = 0; k < seeds; k++) {
            SyntheticBars bars = new SyntheticBars(params, SEED + k, NSE, SECTORS, STRESS);
            List<double[]> returns = new ArrayList<>();
            boolean[] inside = null;
            for (String symbol : symbols) {
                List<Row> rows = bars.generate(symbol, "1day", from, to);
                returns.add(SyntheticBarsTest.logReturns(rows));
                if (inside == null) {
                    inside = new boolean[rows.size() - 1];
                    for (int i = 1; i < rows.size(); i++) {
                        inside[i - 1] = inStress(date(rows.get(i)));
                    }
                }
            }
            double[] crossSection = new double[inside.length];
            for (double[] r : returns) {
                for (int i = 0; i < r.length; i++) {
                    crossSection[i] += r[i] / symbols.size();
                }
            }
            meanGap.addValue(mean(select(crossSection, inside, true)) - mean(select(crossSection, inside, false)));
            double ratio = 0;
            for (double[] r : returns) {
                double out = sd(select(r, inside, false));
                ratio += sd(select(r, inside, true)) / out / symbols.size();
                outsideSd.addValue(out);
            }
            volRatio.addValue(ratio);
            corrGap.addValue(meanPairwise(returns, inside, true) - meanPairwise(returns, inside, false));
        }
        System.out.printf("crisis minus calm, per seed (n=%d): mean daily log return %.5f +- %.5f; vol ratio %.3f +- %.3f;"
                        + " pairwise correlation %+.3f +- %.3f%n", seeds, meanGap.getMean(), tolerance(meanGap),
                volRatio.getMean(), tolerance(volRatio), corrGap.getMean(), tolerance(corrGap));
        assertTrue(Math.abs(meanGap.getMean()) <= tolerance(meanGap),
                "no crisis drift: mean gap " + meanGap.getMean() + " beyond " + tolerance(meanGap));
        // The check has power: it would see a drift of a tenth of a calm day's standard deviation per session.
        assertTrue(tolerance(meanGap) < 0.1 * outsideSd.getMean(), "too few seeds: tolerance " + tolerance(meanGap));
        assertTrue(volRatio.getMean() - tolerance(volRatio) > 1, "crises are more volatile: " + volRatio.getMean());
        assertTrue(corrGap.getMean() - tolerance(corrGap) > 0, "crises are more correlated: " + corrGap.getMean());
    }

    static double[] select(double[] x, boolean[] mask, boolean keep) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (mask[i] == keep) {
                out.add(x[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElseThrow();
    }

    static double sd(double[] x) {
        SummaryStatistics s = new SummaryStatistics();
        for (double v : x) {
            s.addValue(v);
        }
        return s.getStandardDeviation();
    }

    static double meanPairwise(List<double[]> returns, boolean[] inside, boolean keep) {
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < returns.size(); a++) {
            for (int b = a + 1; b < returns.size(); b++) {
                sum += new PearsonsCorrelation().correlation(select(returns.get(a), inside, keep),
                        select(returns.get(b), inside, keep));
                pairs++;
            }
        }
        return sum / pairs;
    }

    /** Per-date cross-sectional Spearman IC of the past-lookback log return against the next-h log return. */
    record Ic(SummaryStatistics independent, SummaryStatistics daily) {
    }

    static Ic informationCoefficient(PipelineConfig config, int seeds) {
        PipelineConfig.Synthetic params = config.ingest().synthetic();
        int lookback = params.signal().lookbackSessions();
        int horizon = config.features().forecastHorizonDays();
        List<String> symbols = config.run().symbols();
        SummaryStatistics independent = new SummaryStatistics();
        SummaryStatistics daily = new SummaryStatistics();
        for (int k = 0; k < seeds; k++) {
            SyntheticBars bars = new SyntheticBars(params, SEED + k, NSE, SECTORS, STRESS);
            List<double[]> logClose = new ArrayList<>();
            for (String symbol : symbols) {
                logClose.add(bars.generate(symbol, "1day", config.run().startDate(), config.run().endDate()).stream()
                        .mapToDouble(r -> Math.log(r.getDouble(6))).toArray());
            }
            int n = logClose.get(0).length;
            for (int t = lookback; t + horizon < n; t++) {
                double[] past = new double[symbols.size()];
                double[] future = new double[symbols.size()];
                for (int s = 0; s < symbols.size(); s++) {
                    double[] p = logClose.get(s);
                    past[s] = p[t] - p[t - lookback];
                    future[s] = p[t + horizon] - p[t];
                }
                double ic = new SpearmansCorrelation().correlation(past, future);
                daily.addValue(ic);
                // Dates lookback + horizon sessions apart share no return, so their ICs are independent under the null.
                if ((t - lookback) % (lookback + horizon) == 0) {
                    independent.addValue(ic);
                }
            }
        }
        return new Ic(independent, daily);
    }

    @Test
    void theKnownAnswerProfilePlantsAMeanReversionThatIsAbsentWhenOff() {
        PipelineConfig on = config("known_answer");
        assertEquals(PipelineConfig.Signal.MEAN_REVERSION, on.ingest().synthetic().signal().kind());
        PipelineConfig off = config("known_answer", "ingest.synthetic.signal.kind=none");
        int seeds = 6;
        Ic planted = informationCoefficient(on, seeds);
        Ic none = informationCoefficient(off, seeds);
        System.out.printf("rank IC of the past %d-session return vs the next %d sessions, %d symbols: signal on %.3f (daily"
                        + " mean %.3f), off %.3f (daily mean %.3f); tolerance +- %.3f over %d independent dates%n",
                on.ingest().synthetic().signal().lookbackSessions(), on.features().forecastHorizonDays(),
                on.run().symbols().size(), planted.independent().getMean(), planted.daily().getMean(),
                none.independent().getMean(), none.daily().getMean(), tolerance(none.independent()),
                none.independent().getN());
        assertTrue(planted.independent().getMean() + tolerance(planted.independent()) < 0,
                "planted mean reversion: IC " + planted.independent().getMean());
        assertTrue(Math.abs(none.independent().getMean()) <= tolerance(none.independent()),
                "no signal when off: IC " + none.independent().getMean());
    }
}
