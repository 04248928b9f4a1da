package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.identity.Seeds;
import io.sensequant.market.StressPeriod;
import io.sensequant.market.TradingCalendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The common factors of the synthetic market, session by session from the origin date: one market factor (with the
 * stress periods imposed on it) and one factor per sector. Each factor has its own generator, seeded by base_seed
 * and the factor's name, and draws exactly one number per session, so every Spark task that regenerates a factor
 * gets the same path, and a session's value never depends on how far the path was extended.
 */
final class SyntheticMarket implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A stress period as the generator needs it: serializable, with its session counts resolved on the driver. */
    record Stress(String id, LocalDate start, LocalDate end, double logLoss, int sessions) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One factor's log returns and conditional variances (of the shock part), index = session since the origin. */
    record Factor(double[] returns, double[] variance) {
    }

    private final PipelineConfig.Synthetic params;
    private final long baseSeed;
    private final List<Stress> stresses;
    /** Calendar, only to count the sessions between a period's end and a later session (recovery offsets). */
    private final TradingCalendar calendar;

    private transient long[] cachedSessions;
    private transient Factor market;
    private transient Map<String, Factor> sectors;

    SyntheticMarket(PipelineConfig.Synthetic params, long baseSeed, TradingCalendar calendar, List<StressPeriod> periods) {
        this.params = params;
        this.baseSeed = baseSeed;
        this.calendar = calendar;
        List<Stress> resolved = new ArrayList<>();
        for (StressPeriod period : periods) {
            double drawdown = Math.abs(period.expectedDrawdown());
            if (!(drawdown < 1.0)) {
                throw new ConfigException("stress period '" + period.id() + "': expected_drawdown "
                        + period.expectedDrawdown() + " must be a fraction above -1");
            }
            int sessions = calendar.tradingDays(period.start(), period.end()).size();
            if (sessions > 0 && drawdown > 0) {
                resolved.add(new Stress(period.id(), period.start(), period.end(), StrictMath.log1p(-drawdown), sessions));
            }
        }
        this.stresses = List.copyOf(resolved);
    }

    /** Market factor over {@code sessions} (epoch days, contiguous from the origin). */
    Factor market(long[] sessions) {
        prepare(sessions);
        if (market == null) {
            double[] drift = new double[sessions.length];
            double[] scale = new double[sessions.length];
            java.util.Arrays.fill(scale, 1.0);
            stressSchedule(sessions, drift, scale);
            market = garchPath("synthetic/market", params.marketAnnualVol(), sessions.length, drift, scale);
        }
        return market;
    }

    /** The factor of one sector over {@code sessions}; the same path for every symbol of the sector. */
    Factor sector(String name, long[] sessions) {
        prepare(sessions);
        return sectors.computeIfAbsent(name,
                n -> garchPath("synthetic/sector/" + n, params.sectorAnnualVol(), sessions.length, null, null));
    }

    /** Drops the cached paths when asked for a different session list (a path is cheap to regenerate). */
    private void prepare(long[] sessions) {
        if (cachedSessions != sessions) {
            cachedSessions = sessions;
            market = null;
            sectors = new HashMap<>();
        }
    }

    /**
     * A GARCH(1,1) shock path with long-run variance annualVol^2 / trading_days_per_year; the return of session t is
     * drift[t] + scale[t] * e[t], and the variance recursion sees the unscaled shock e[t], so stress scaling
     * cannot make it explode.
     */
    private Factor garchPath(String name, double annualVol, int n, double[] drift, double[] scale) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(baseSeed, name));
        double longRun = annualVol * annualVol / params.tradingDaysPerYear();
        double omega = (1 - params.garchAlpha() - params.garchBeta()) * longRun;
        double h = longRun;
        double[] returns = new double[n];
        double[] variance = new double[n];
        for (int t = 0; t < n; t++) {
            double shock = Math.sqrt(h) * random.nextGaussian();
            double s = scale == null ? 1.0 : scale[t];
            returns[t] = (drift == null ? 0.0 : drift[t]) + s * shock;
            variance[t] = s * s * h;
            h = omega + params.garchAlpha() * shock * shock + params.garchBeta() * h;
        }
        return new Factor(returns, variance);
    }

    /**
     * Adds each stress period's drift (its log loss spread evenly over its sessions, counted on the calendar so a
     * period cut by the origin or by the requested end keeps its per-session drift) and the recovery drift over
     * the sessions after it; scales the market shocks inside a period.
     */
    private void stressSchedule(long[] sessions, double[] drift, double[] scale) {
        int recovery = params.stressRecoverySessions();
        for (Stress stress : stresses) {
            long start = stress.start().toEpochDay();
            long end = stress.end().toEpochDay();
            double perSession = stress.logLoss() / stress.sessions();
            double perRecoverySession = recovery > 0 ? -params.stressRecoveryFraction() * stress.logLoss() / recovery : 0.0;
            int firstAfter = -1;
            int firstOffset = 0;
            for (int i = 0; i < sessions.length; i++) {
                long day = sessions[i];
                if (day >= start && day <= end) {
                    drift[i] += perSession;
                    scale[i] = Math.max(scale[i], params.stressVolMultiplier());
                } else if (day > end && recovery > 0) {
                    if (firstAfter < 0) {
                        firstAfter = i;
                        // Sessions between the period's end and the first listed one, from the calendar when the
                        // period ended before the origin, so the schedule never depends on where the list starts.
                        firstOffset = i == 0 ? calendar.sessionsBetween(stress.end(), LocalDate.ofEpochDay(day)) - 1 : 0;
                    }
                    int offset = i - firstAfter + firstOffset;
                    if (offset >= recovery) {
                        break;
                    }
                    drift[i] += perRecoverySession;
                }
            }
        }
    }
}
