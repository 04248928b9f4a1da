package io.sensequant.ingest;

import io.sensequant.config.ConfigException;
import io.sensequant.config.PipelineConfig;
import io.sensequant.pipeline.RunContext;
import io.sensequant.spark.LakeTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --skip-fetch}: no provider is touched; the bars already in {@code ohlcv} must cover the run's symbols and
 * every trading session of its range. What is missing is named (symbols, and each symbol's missing sessions as
 * date ranges), and the run stops before any work unless partial runs are allowed.
 */
public final class ExistingBars {
    /** How many gaps per symbol an error message spells out before it summarises the rest. */
    private static final int GAPS_SHOWN = 3;

    private ExistingBars() {
    }

    /** The coverage report, after checking that nothing the run needs is missing. */
    public static Map<String, Object> require(RunContext context) {
        PipelineConfig.Run run = context.config().run();
        if (!context.lake().exists(LakeTable.OHLCV)) {
            throw new ConfigException("--skip-fetch: there is no ohlcv table in " + context.lake().root()
                    + "; run without --skip-fetch (or 'sensequant ingest') first");
        }
        List<CoverageAudit.SymbolCoverage> coverage = CoverageAudit.audit(context.lake(), context.calendar(),
                context.symbols(), run.interval(), run.startDate(), run.endDate());
        List<String> absent = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (CoverageAudit.SymbolCoverage symbol : coverage) {
            if (symbol.presentSessions() == 0) {
                absent.add(symbol.symbol());
            } else if (!symbol.gaps().isEmpty()) {
                incomplete.add(symbol.symbol() + " (" + describe(symbol.gaps()) + ")");
            }
        }
        if (!absent.isEmpty() || !incomplete.isEmpty()) {
            String missing = (absent.isEmpty() ? "" : "symbols without any bar from " + run.startDate() + " to "
                    + run.endDate() + ": " + String.join(", ", absent))
                    + (absent.isEmpty() || incomplete.isEmpty() ? "" : "; ")
                    + (incomplete.isEmpty() ? "" : "missing sessions: " + String.join("; ", incomplete));
            if (!context.config().ingest().allowPartial()) {
                throw new ConfigException("--skip-fetch: ohlcv in " + context.lake().root() + " (" + run.interval()
                        + ") does not cover the run: " + missing + ". Run without --skip-fetch to fetch them, narrow "
                        + "--symbols / the dates, or pass --allow-partial to continue without them");
            }
            context.warnings().println("WARNING --skip-fetch: " + missing + " (continued because of --allow-partial)");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("symbols_without_bars", absent);
        report.put("symbols_with_gaps", incomplete);
        report.put("sessions_present", coverage.stream().mapToLong(CoverageAudit.SymbolCoverage::presentSessions).sum());
        report.put("sessions_expected", coverage.stream().mapToLong(CoverageAudit.SymbolCoverage::expectedSessions).sum());
        return report;
    }

    private static String describe(List<CoverageAudit.Gap> gaps) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(GAPS_SHOWN, gaps.size()); i++) {
            CoverageAudit.Gap gap = gaps.get(i);
            text.append(i == 0 ? "" : ", ").append(gap.from().equals(gap.to()) ? gap.from().toString() : gap.from() + ".." + gap.to());
        }
        int sessions = gaps.stream().mapToInt(CoverageAudit.Gap::sessions).sum();
        return text + (gaps.size() > GAPS_SHOWN ? " and " + (gaps.size() - GAPS_SHOWN) + " more gaps" : "") + "; "
                + sessions + " sessions";
    }
}
