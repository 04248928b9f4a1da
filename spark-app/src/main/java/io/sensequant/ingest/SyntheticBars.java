package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import io.sensequant.market.StressPeriod;
import io.sensequant.market.TradingCalendar;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic synthetic bars for the NSE calendar, at 1day and N-minute intervals.
 *
 * <p>Daily path, per symbol, from {@code origin_date}: log return = drift + beta_m * market + beta_s * sector +
 * idiosyncratic + jump (+ a pull back into [price_floor, price_ceiling]). The market and sector factors are
 * shared by every symbol ({@link SyntheticMarket}: GARCH(1,1) shocks); the idiosyncratic shock follows its own
 * GARCH(1,1); jumps happen overnight, in the open. Inside a stress period the factor shocks are scaled by
 * {@code stress_vol_multiplier} and the idiosyncratic ones by {@code stress_idio_vol_multiplier}: more volatility
 * and more correlation, but no drift. An optional planted signal ({@link PlantedSignal}) adds a documented,
 * learnable drift to the idiosyncratic return. Each stream draws a fixed number of values per session, so a bar
 * never depends on the requested range or on other symbols.
 *
 * <p>Within a session ({@link SyntheticSession}), minute bars follow a Brownian bridge from the day's open to its
 * close, seeded per symbol and date; 5-minute and daily bars aggregate those minutes (open, max high, min low,
 * close, summed volume), so the intervals agree with each other. Prices are on the {@code price_tick} grid,
 * volumes are positive integers, and defects are injected only when {@code defect_rate} is positive.
 */
final class SyntheticBars implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String DAILY = "1day";
    private static final Pattern MINUTES = Pattern.compile("([1-9][0-9]*)minute");

    /** Receives each generated bar; {@code epochMillis} is the bar's start. */
    interface BarSink {
        void bar(long epochMillis, double open, double high, double low, double close, long volume);
    }

    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final TradingCalendar calendar;
    private final Map<String, String> sectorBySymbol;
    private final SyntheticMarket market;
    private final double ticksPerUnit;
    private final int sessionMinutes;
    /** Sessions are listed at least up to this date, so tasks with different chunk ends share factor paths. */
    private final LocalDate horizon;

    private transient long[] sessions;
    private transient LocalDate sessionsThrough;

    /**
     * @param sectorBySymbol the universe's sector of each symbol; a symbol without one has no sector factor
     * @param stressPeriods  conf/stress_periods.yaml: volatility and correlation shocks, no drift
     * @param horizon        optional (null): list sessions at least up to this date from the start
     */
    SyntheticBars(PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar,
                  Map<String, String> sectorBySymbol, List<StressPeriod> stressPeriods, LocalDate horizon) {
        validate(params);
        this.params = params;
        this.baseSeed = baseSeed;
        this.calendar = calendar;
        this.sectorBySymbol = Map.copyOf(sectorBySymbol);
        this.market = new SyntheticMarket(params, baseSeed, stressPeriods);
        this.ticksPerUnit = Math.rint(1.0 / params.priceTick());
        this.sessionMinutes = (int) Duration.between(calendar.sessionOpen(), calendar.sessionClose()).toMinutes();
        if (sessionMinutes <= 0) {
            throw new ConfigException("calendar " + calendar.exchange() + ": session close " + calendar.sessionClose()
                    + " is not after its open " + calendar.sessionOpen());
        }
        this.horizon = horizon;
    }

    SyntheticBars(PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar,
                  Map<String, String> sectorBySymbol, List<StressPeriod> stressPeriods) {
        this(params, baseSeed, calendar, sectorBySymbol, stressPeriods, null);
    }

    /** Bars of one symbol over [start, end] (exchange dates, inclusive) as rows of {@link OhlcvSchema#BARS}. */
    List<Row> generate(String symbol, String interval, LocalDate start, LocalDate end) {
        List<Row> rows = new ArrayList<>();
        generate(symbol, interval, start, end, (millis, open, high, low, close, volume) ->
                rows.add(RowFactory.create(symbol, interval, new Timestamp(millis), open, high, low, close, volume)));
        return rows;
    }

    /** Minutes per bar of an intraday interval, 0 for daily bars; anything else is a ConfigException. */
    int barMinutes(String interval) {
        if (interval.equals(DAILY)) {
            return 0;
        }
        Matcher m = MINUTES.matcher(interval);
        if (!m.matches() || sessionMinutes % Integer.parseInt(m.group(1)) != 0) {
            throw new ConfigException("the synthetic provider generates 1day bars and N-minute bars where N divides the "
                    + sessionMinutes + "-minute session (e.g. 1minute, 5minute); interval '" + interval
                    + "' is not one of them");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Bars of one symbol over [start, end], handed to {@code sink} in time order (duplicates, if injected, twice). */
    void generate(String symbol, String interval, LocalDate start, LocalDate end, BarSink sink) {
        int barMinutes = barMinutes(interval);
        if (start.isBefore(params.originDate())) {
            throw new ConfigException("start date " + start + " is before ingest.synthetic.origin_date "
                    + params.originDate() + "; move the origin earlier to generate older bars");
        }
        long[] days;
        SyntheticMarket.Factor marketFactor;
        SyntheticMarket.Factor sectorFactor;
        boolean[] stressed;
        String sector = sectorBySymbol.get(symbol);
        synchronized (this) {
            days = sessionsThrough(end);
            marketFactor = market.market(days);
            sectorFactor = sector == null ? null : market.sector(sector, days);
            stressed = market.stressed(days);
        }
        int n = upperBound(days, end.toEpochDay());
        long first = start.toEpochDay();

        SplittableRandom profile = random("synthetic/profile/" + symbol);
        double logPrice = uniform(profile, StrictMath.log(params.initialPriceMin()), StrictMath.log(params.initialPriceMax()));
        double tradingDays = params.tradingDaysPerYear();
        double drift = uniform(profile, params.annualDriftMin(), params.annualDriftMax()) / tradingDays;
        double vol = uniform(profile, params.annualVolMin(), params.annualVolMax());
        double marketBeta = uniform(profile, params.marketBetaMin(), params.marketBetaMax());
        double baseVolume = StrictMath.exp(uniform(profile, StrictMath.log(params.baseVolumeMin()),
                StrictMath.log(params.baseVolumeMax())));
        double sectorBeta = uniform(profile, params.sectorBetaMin(), params.sectorBetaMax());
        if (sector == null) {
            sectorBeta = 0.0;
        } else if (params.sectorMarketBeta().containsKey(sector)) {
            marketBeta = params.sectorMarketBeta().get(sector);
        }

        // Idiosyncratic variance fills the symbol's variance budget left by the factors and the jumps.
        double variance = vol * vol / tradingDays;
        double systematic = marketBeta * marketBeta * square(params.marketAnnualVol()) / tradingDays
                + sectorBeta * sectorBeta * square(params.sectorAnnualVol()) / tradingDays;
        double jumpVariance = params.jumpProbability() * (square(params.jumpMean()) + square(params.jumpSigma()));
        double idioVariance = Math.max(variance - systematic - jumpVariance, params.idioMinVarianceFraction() * variance);
        double convexity = 0.5 * (systematic + idioVariance + jumpVariance);
        double omega = (1 - params.garchAlpha() - params.garchBeta()) * idioVariance;
        double h = idioVariance;
        double logFloor = StrictMath.log(params.priceFloor());
        double logCeiling = StrictMath.log(params.priceCeiling());
        double intradayVariance = square(params.intradayRangeVolFraction());
        double logReferencePrice = 0.5 * (StrictMath.log(params.initialPriceMin()) + StrictMath.log(params.initialPriceMax()));

        SyntheticSession day = new SyntheticSession(sessionMinutes, params.intradayVolumeOpenWeight(),
                params.intradayVolumeCloseWeight(), params.intradayVolumeLogSigma());
        SplittableRandom own = random("synthetic/bars/" + symbol);
        PlantedSignal signal = new PlantedSignal(params.signal());
        for (int t = 0; t < n; t++) {
            // A fixed number of draws per session keeps every later bar independent of where output starts.
            double idioShock = own.nextGaussian();
            double jumpDraw = own.nextDouble();
            double jumpShock = own.nextGaussian();
            double gapShock = own.nextGaussian();
            double volumeShock = own.nextGaussian();

            double shock = Math.sqrt(h) * idioShock;
            double idioScale = stressed[t] ? params.stressIdioVolMultiplier() : 1.0;
            // Standardised idiosyncratic return: the fresh shock plus the planted drift (zero when the signal is off).
            double z = idioShock + signal.drift();
            signal.record(z);
            double idio = idioScale * Math.sqrt(h) * z;
            double conditionalVariance = marketBeta * marketBeta * marketFactor.variance()[t] + idioScale * idioScale * h
                    + (sectorFactor == null ? 0.0 : sectorBeta * sectorBeta * sectorFactor.variance()[t]);
            // The recursion sees the unscaled shock, as for the factors, so stress scaling cannot make it explode.
            h = omega + params.garchAlpha() * shock * shock + params.garchBeta() * h;
            double jump = jumpDraw < params.jumpProbability() ? params.jumpMean() + params.jumpSigma() * jumpShock : 0.0;
            double band = logPrice < logFloor ? params.priceBandReversion() * (logFloor - logPrice)
                    : logPrice > logCeiling ? params.priceBandReversion() * (logCeiling - logPrice) : 0.0;
            double logReturn = drift - convexity + marketBeta * marketFactor.returns()[t]
                    + (sectorFactor == null ? 0.0 : sectorBeta * sectorFactor.returns()[t]) + idio + jump + band;
            double previous = logPrice;
            logPrice += logReturn;
            if (days[t] < first) {
                continue;
            }
            double logOpen = previous + params.openGapVolFraction() * Math.sqrt(conditionalVariance) * gapShock + jump;
            double dayVolume = baseVolume * (1 + params.volumeReturnSensitivity() * Math.abs(logReturn))
                    * StrictMath.exp(params.volumeLogSigma() * volumeShock
                            + params.volumePriceElasticity() * (logReferencePrice - previous));
            LocalDate date = LocalDate.ofEpochDay(days[t]);
            SplittableRandom intraday = random("synthetic/intraday/" + symbol + "/" + date);
            long volume = day.simulate(intraday, logOpen, logPrice, intradayVariance * conditionalVariance, dayVolume);
            int dayDefect = SyntheticDefects.day(baseSeed, symbol, date, params.defectRate());
            if (barMinutes == 0) {
                emitDay(date, day, volume, dayDefect, sink);
            } else if (dayDefect != SyntheticDefects.DROPPED) {
                emitIntraday(symbol, interval, barMinutes, date, day, sink);
            }
        }
    }

    private void emitDay(LocalDate date, SyntheticSession day, long volume, int defect, BarSink sink) {
        double high = day.high[0];
        double low = day.low[0];
        for (int k = 1; k < day.minutes(); k++) {
            high = Math.max(high, day.high[k]);
            low = Math.min(low, day.low[k]);
        }
        long millis = date.atStartOfDay(calendar.zone()).toInstant().toEpochMilli();
        emit(sink, defect, millis, price(day.path[0]), price(high), price(low), price(day.path[day.minutes()]), volume);
    }

    private void emitIntraday(String symbol, String interval, int barMinutes, LocalDate date, SyntheticSession day,
                              BarSink sink) {
        ZoneId zone = calendar.zone();
        LocalTime open = calendar.sessionOpen();
        long openMillis = date.atTime(open).atZone(zone).toInstant().toEpochMilli();
        long barMillis = Duration.ofMinutes(barMinutes).toMillis();
        SplittableRandom defects = SyntheticDefects.bars(baseSeed, interval, symbol, date, params.defectRate());
        double close = price(day.path[0]);
        for (int k0 = 0, bar = 0; k0 < day.minutes(); k0 += barMinutes, bar++) {
            double barOpen = close;
            double high = day.high[k0];
            double low = day.low[k0];
            long volume = day.volume[k0];
            for (int k = k0 + 1; k < k0 + barMinutes; k++) {
                high = Math.max(high, day.high[k]);
                low = Math.min(low, day.low[k]);
                volume += day.volume[k];
            }
            close = price(day.path[k0 + barMinutes]);
            int defect = defects == null ? SyntheticDefects.NONE : SyntheticDefects.draw(defects, params.defectRate());
            emit(sink, defect, openMillis + bar * barMillis, barOpen, price(high), price(low), close, volume);
        }
    }

    private void emit(BarSink sink, int defect, long millis, double open, double high, double low, double close,
                      long volume) {
        switch (defect) {
            case SyntheticDefects.NEGATIVE_VOLUME -> sink.bar(millis, open, high, low, close, -volume);
            case SyntheticDefects.HIGH_BELOW_LOW -> sink.bar(millis, open, high > low ? low : round(low - params.priceTick()),
                    high > low ? high : low, close, volume);
            case SyntheticDefects.DROPPED -> {
            }
            case SyntheticDefects.DUPLICATE -> {
                sink.bar(millis, open, high, low, close, volume);
                sink.bar(millis, open, high, low, close, volume);
            }
            default -> sink.bar(millis, open, high, low, close, volume);
        }
    }

    /** Trading sessions (epoch days) from the origin through at least {@code end}; cached and extended on demand. */
    private long[] sessionsThrough(LocalDate end) {
        if (sessions == null || sessionsThrough.isBefore(end)) {
            LocalDate through = horizon != null && horizon.isAfter(end) ? horizon : end;
            sessions = calendar.tradingDays(params.originDate(), through).stream().mapToLong(LocalDate::toEpochDay).toArray();
            sessionsThrough = through;
        }
        return sessions;
    }

    /** Number of entries of the sorted {@code days} that are at most {@code day}. */
    private static int upperBound(long[] days, long day) {
        int i = Arrays.binarySearch(days, day);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private SplittableRandom random(String name) {
        return new SplittableRandom(Seeds.derive(baseSeed, name));
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    private static double square(double x) {
        return x * x;
    }

    /** A log price as a price on the exchange's tick grid (never below one tick). */
    private double price(double logPrice) {
        return round(StrictMath.exp(logPrice));
    }

    private double round(double price) {
        return Math.max(1L, Math.round(price * ticksPerUnit)) / ticksPerUnit;
    }

    private static void validate(PipelineConfig.Synthetic p) {
        String key = "ingest.synthetic.";
        require(p.garchAlpha() >= 0 && p.garchBeta() >= 0 && p.garchAlpha() + p.garchBeta() < 1,
                key + "garch_alpha and garch_beta must be >= 0 with a sum below 1 (a stationary variance), got "
                        + p.garchAlpha() + " and " + p.garchBeta());
        require(p.priceTick() > 0 && Math.abs(1.0 / p.priceTick() - Math.rint(1.0 / p.priceTick())) < 1e-9,
                key + "price_tick must be positive with 1 / price_tick a whole number, got " + p.priceTick());
        require(p.jumpProbability() >= 0 && p.jumpProbability() <= 1, key + "jump_probability must be in [0, 1]");
        require(p.defectRate() >= 0 && p.defectRate() <= 1, key + "defect_rate must be in [0, 1]");
        require(p.idioMinVarianceFraction() >= 0 && p.idioMinVarianceFraction() <= 1,
                key + "idio_min_variance_fraction must be in [0, 1]");
        require(p.initialPriceMin() > 0 && p.initialPriceMin() <= p.initialPriceMax(),
                key + "initial_price_min must be positive and at most initial_price_max");
        require(p.baseVolumeMin() >= 1 && p.baseVolumeMin() <= p.baseVolumeMax(),
                key + "base_volume_min must be at least 1 and at most base_volume_max");
        require(p.priceFloor() > 0 && p.priceFloor() < p.priceCeiling(),
                key + "price_floor must be positive and below price_ceiling");
        require(p.priceBandReversion() >= 0 && p.priceBandReversion() <= 1, key + "price_band_reversion must be in [0, 1]");
        require(p.stressVolMultiplier() > 0 && p.stressIdioVolMultiplier() > 0,
                key + "stress_vol_multiplier and stress_idio_vol_multiplier must be positive");
        require(p.intradayVolumeOpenWeight() > 0 && p.intradayVolumeCloseWeight() > 0,
                key + "intraday_volume_open_weight and intraday_volume_close_weight must be positive");
        require(p.tradingDaysPerYear() > 0, key + "trading_days_per_year must be positive");
        require(p.annualDriftMin() <= p.annualDriftMax() && p.annualVolMin() <= p.annualVolMax()
                        && p.marketBetaMin() <= p.marketBetaMax() && p.sectorBetaMin() <= p.sectorBetaMax(),
                key + "every *_min must be at most its *_max");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ConfigException(message);
        }
    }
}
