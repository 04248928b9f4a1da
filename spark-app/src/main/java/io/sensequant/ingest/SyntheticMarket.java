package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import io.sensequant.market.StressPeriod;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The common factors of the synthetic market, session by session from the origin date: one market factor and one
 * factor per sector. Each factor has its own generator, seeded by base_seed and the factor's name, and draws
 * exactly one number per session, so every Spark task that regenerates a factor gets the same path, and a
 * session's value never depends on how far the path was extended.
 *
 * <p>The stress periods of conf/stress_periods.yaml are volatility and correlation shocks only: inside a period
 * the market and sector shocks are scaled by {@code stress_vol_multiplier} (and a symbol's idiosyncratic shocks by
 * {@code stress_idio_vol_multiplier}, see {@link SyntheticBars}), with no drift of their own. A deterministic
 * crisis drift would be a free answer: a model that learned "down" would pass every crisis replay.
 */
final class SyntheticMarket implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A stress period as the generator needs it: serializable, inclusive exchange dates. */
    record Stress(String id, LocalDate start, LocalDate end) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One factor's log returns and conditional variances (of the shock part), index = session since the origin. */
    record Factor(double[] returns, double[] variance) {
    }

    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final List<Stress> stresses;

    private transient long[] cachedSessions;
    private transient Factor market;
    private transient boolean[] stressed;
    private transient Map<String, Factor> sectors;

    SyntheticMarket(PipelineConfig.Synthetic params, long baseSeed, List<StressPeriod> periods) {
        this.params = params;
        this.baseSeed = baseSeed;
        List<Stress> resolved = new ArrayList<>();
        for (StressPeriod period : periods) {
            if (period.end().isBefore(period.start())) {
                throw new ConfigException("stress period '" + period.id() + "' ends " + period.end()
                        + " before it starts " + period.start() + "; fix conf/stress_periods.yaml");
            }
            resolved.add(new Stress(period.id(), period.start(), period.end()));
        }
        this.stresses = List.copyOf(resolved);
    }

    /** Market factor over {@code sessions} (epoch days, contiguous from the origin). */
    Factor market(long[] sessions) {
        prepare(sessions);
        if (market == null) {
            market = garchPath("synthetic/market", params.marketAnnualVol(), sessions.length, factorScale(sessions));
        }
        return market;
    }

    /** The factor of one sector over {@code sessions}; the same path for every symbol of the sector. */
    Factor sector(String name, long[] sessions) {
        prepare(sessions);
        return sectors.computeIfAbsent(name,
                n -> garchPath("synthetic/sector/" + n, params.sectorAnnualVol(), sessions.length, factorScale(sessions)));
    }

    /** Whether each session lies inside a stress period. */
    boolean[] stressed(long[] sessions) {
        prepare(sessions);
        if (stressed == null) {
            stressed = new boolean[sessions.length];
            for (Stress stress : stresses) {
                long start = stress.start().toEpochDay();
                long end = stress.end().toEpochDay();
                for (int i = 0; i < sessions.length; i++) {
                    stressed[i] |= sessions[i] >= start && sessions[i] <= end;
                }
            }
        }
        return stressed;
    }

    private double[] factorScale(long[] sessions) {
        boolean[] inStress = stressed(sessions);
        double[] scale = new double[sessions.length];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = inStress[i] ? params.stressVolMultiplier() : 1.0;
        }
        return scale;
    }

    /** Drops the cached paths when asked for a different session list (a path is cheap to regenerate). */
    private void prepare(long[] sessions) {
        if (cachedSessions != sessions) {
            cachedSessions = sessions;
            market = null;
            stressed = null;
            sectors = new HashMap<>();
        }
    }

    /**
     * A GARCH(1,1) shock path with long-run variance annualVol^2 / trading_days_per_year; the return of session t is
     * scale[t] * e[t] (mean zero), and the variance recursion sees the unscaled shock e[t], so stress scaling
     * cannot make it explode.
     */
    private Factor garchPath(String name, double annualVol, int n, double[] scale) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(baseSeed, name));
        double longRun = annualVol * annualVol / params.tradingDaysPerYear();
        double omega = (1 - params.garchAlpha() - params.garchBeta()) * longRun;
        double h = longRun;
        double[] returns = new double[n];
        double[] variance = new double[n];
        for (int t = 0; t < n; t++) {
            double shock = Math.sqrt(h) * random.nextGaussian();
            double s = scale[t];
            returns[t] = s * shock;
            variance[t] = s * s * h;
            h = omega + params.garchAlpha() * shock * shock + params.garchBeta() * h;
        }
        return new Factor(returns, variance);
    }
}
