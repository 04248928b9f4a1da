package io.sensequant.ingest;

import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic daily bars for one symbol: a geometric random walk with per-symbol drift, volatility and
 * market beta (a shared market factor makes symbols co-move). Every draw comes from generators seeded by
 * base_seed and a stable name, and the walk starts at a fixed origin date with a fixed number of draws per
 * session, so a bar never depends on the range requested or on which other symbols are generated.
 */
final class SyntheticBars implements Serializable {
    private static final long serialVersionUID = 1L;

    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final long[] sessionEpochDays;
    private final String zone;

    /** @param sessions every trading session from the origin date to the end of the requested range */
    SyntheticBars(PipelineConfig.Synthetic params, long baseSeed, List<LocalDate> sessions, ZoneId zone) {
        this.params = params;
        this.baseSeed = baseSeed;
        this.sessionEpochDays = sessions.stream().mapToLong(LocalDate::toEpochDay).toArray();
        this.zone = zone.getId();
    }

    List<Row> generate(String symbol, String interval, LocalDate start, LocalDate end) {
        SplittableRandom profile = new SplittableRandom(Seeds.derive(baseSeed, "synthetic/profile/" + symbol));
        double price = Math.exp(uniform(profile, Math.log(params.initialPriceMin()), Math.log(params.initialPriceMax())));
        double days = params.tradingDaysPerYear();
        double drift = uniform(profile, params.annualDriftMin(), params.annualDriftMax()) / days;
        double vol = uniform(profile, params.annualVolMin(), params.annualVolMax()) / Math.sqrt(days);
        double beta = uniform(profile, params.marketBetaMin(), params.marketBetaMax());
        double marketVol = params.marketAnnualVol() / Math.sqrt(days);
        double baseVolume = Math.exp(uniform(profile, Math.log(params.baseVolumeMin()), Math.log(params.baseVolumeMax())));
        // Idiosyncratic volatility so that total volatility is the symbol's, whatever its beta.
        double idioVol = Math.sqrt(Math.max(vol * vol - beta * beta * marketVol * marketVol, 0.25 * vol * vol));
        double totalVariance = beta * beta * marketVol * marketVol + idioVol * idioVol;

        SplittableRandom market = new SplittableRandom(Seeds.derive(baseSeed, "synthetic/market"));
        SplittableRandom own = new SplittableRandom(Seeds.derive(baseSeed, "synthetic/bars/" + symbol));
        long first = start.toEpochDay();
        long last = end.toEpochDay();
        ZoneId zoneId = ZoneId.of(zone);
        List<Row> rows = new ArrayList<>();
        for (long epochDay : sessionEpochDays) {
            // A fixed number of draws per session keeps every later bar independent of where output starts.
            double marketShock = market.nextGaussian();
            double idioShock = own.nextGaussian();
            double gapShock = own.nextGaussian();
            double highShock = Math.abs(own.nextGaussian());
            double lowShock = Math.abs(own.nextGaussian());
            double volumeShock = own.nextGaussian();
            double logReturn = drift - 0.5 * totalVariance + beta * marketVol * marketShock + idioVol * idioShock;
            double previousClose = price;
            price = previousClose * Math.exp(logReturn);
            if (epochDay < first || epochDay > last) {
                continue;
            }
            double open = previousClose * Math.exp(params.openGapVolFraction() * vol * gapShock);
            double high = Math.max(open, price) * Math.exp(params.intradayRangeVolFraction() * vol * highShock);
            double low = Math.min(open, price) * Math.exp(-params.intradayRangeVolFraction() * vol * lowShock);
            long volume = Math.round(baseVolume * Math.exp(params.volumeLogSigma() * volumeShock)
                    * (1 + params.volumeReturnSensitivity() * Math.abs(logReturn)));
            Timestamp ts = Timestamp.from(LocalDate.ofEpochDay(epochDay).atStartOfDay(zoneId).toInstant());
            rows.add(RowFactory.create(symbol, interval, ts, round(open), round(high), round(low), round(price), volume));
        }
        return rows;
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** Prices on the exchange's 0.01 grid, as a real feed would give them. */
    private static double round(double price) {
        return Math.round(price * 100.0) / 100.0;
    }
}
