package io.sensequant.release;

import io.sensequant.config.PipelineConfig;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data coverage and quality warnings from the ingest and teacher summaries, against the thresholds under
 * {@code release:}. None of them stops a release; each goes to deployment_readiness.json and the briefing.
 */
final class DataQuality {
    private DataQuality() {
    }

    @SuppressWarnings("unchecked")
    static List<Finding> warnings(PipelineConfig config, Map<String, Object> ingest, Map<String, Object> teachers) {
        PipelineConfig.Release release = config.release();
        List<Finding> warnings = new ArrayList<>();
        if ("synthetic".equals(ingest.get("provider"))) {
            warnings.add(Finding.of("synthetic_data", "trained on synthetic bars (a seeded random walk), not market data: "
                    + "metrics say nothing about real markets", "run on market data (ingest.provider csv or http) before any real use"));
        }
        List<?> missing = (List<?>) ingest.getOrDefault("missing_symbols", List.of());
        if (!missing.isEmpty()) {
            warnings.add(Finding.of("missing_symbols", "partial run (--allow-partial): no complete data for " + missing,
                    "fix the source for these symbols and re-ingest, or accept the smaller universe explicitly"));
        }
        long quarantined = number(ingest.getOrDefault("quarantined", 0L)).longValue();
        if (quarantined > 0) {
            warnings.add(Finding.of("quarantined_bars", quarantined + " suspect bars were quarantined at ingest",
                    "inspect them: sensequant sql \"select * from ohlcv_quarantine\""));
        }
        long days = ChronoUnit.DAYS.between(config.run().startDate(), config.run().endDate());
        if (days < release.minDateRangeDays()) {
            warnings.add(Finding.of("short_date_range", String.format(Locale.ROOT,
                    "the run covers %d days (%s to %s), fewer than release.min_date_range_days %d: few market regimes are represented",
                    days, config.run().startDate(), config.run().endDate(), release.minDateRangeDays()),
                    "train on a longer history (run.start_date) before promoting"));
        }
        Map<String, Object> windows = (Map<String, Object>) teachers.getOrDefault("windows", Map.of());
        long total = windows.values().stream().mapToLong(v -> number(v).longValue()).sum();
        long skipped = number(windows.getOrDefault("skipped", 0L)).longValue();
        if (total > 0 && (double) skipped / total > release.maxSkippedWindowShare()) {
            warnings.add(Finding.of("skipped_teacher_windows", String.format(Locale.ROOT,
                    "%d of %d teacher windows (%.0f%%) were skipped, more than release.max_skipped_window_share %.0f%%",
                    skipped, total, 100.0 * skipped / total, 100 * release.maxSkippedWindowShare()),
                    "see the reasons: sensequant sql \"select window_label, reason from teacher_runs where status = 'skipped'\""));
        }
        List<?> failed = (List<?>) teachers.getOrDefault("failed_windows", List.of());
        if (!failed.isEmpty()) {
            warnings.add(Finding.of("failed_teacher_windows", failed.size() + " teacher window(s) failed: " + failed,
                    "see teacher_runs (status = 'failed') for the errors"));
        }
        Map<String, Object> sentiment = (Map<String, Object>) ingest.getOrDefault("sentiment", Map.of());
        if (Boolean.TRUE.equals(sentiment.get("enabled"))) {
            double coverage = number(sentiment.getOrDefault("coverage_pct", 0.0)).doubleValue();
            if (coverage < release.minSentimentCoveragePct()) {
                warnings.add(Finding.of("sentiment_coverage", String.format(Locale.ROOT,
                        "sentiment coverage %.1f%% (source %s) is below release.min_sentiment_coverage_pct %.1f%%",
                        coverage, sentiment.get("source"), release.minSentimentCoveragePct()),
                        "extend the sentiment source, or disable sentiment features for this universe"));
            }
        }
        return warnings;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0L;
    }
}
