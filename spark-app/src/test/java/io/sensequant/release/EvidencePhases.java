package io.sensequant.release;

import io.sensequant.evaluation.ValidationPhase;
import io.sensequant.pipeline.Phase;
import io.sensequant.pipeline.PhaseResult;
import io.sensequant.pipeline.RunContext;
import io.sensequant.snapshot.Stage;
import io.sensequant.spark.LakeFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the phases other engineers are writing (IC and charts of validation, statistical tests, stress
 * tests): they record summaries in the agreed contract and write real report files (JSON, PNG) into the release
 * directory, so the audit and the briefing can be exercised on them. The figures are fixtures, not measurements.
 */
final class EvidencePhases {
    private EvidencePhases() {
    }

    static byte[] png(Color color) {
        BufferedImage image = new BufferedImage(480, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 480, 240);
        g.setColor(color);
        g.setStroke(new BasicStroke(3));
        int[] xs = {20, 100, 180, 260, 340, 460};
        int[] ys = {200, 150, 170, 90, 110, 40};
        g.drawPolyline(xs, ys, xs.length);
        g.setColor(Color.DARK_GRAY);
        g.drawString("fixture chart", 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A phase that writes {@code files} (relative to the release dir) and reports {@code summary}. */
    static Phase phase(String name, Stage stage, Map<String, byte[]> files, java.util.function.Function<RunContext, Map<String, Object>> summary) {
        return new Phase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stage stage() {
                return stage;
            }

            @Override
            public PhaseResult run(RunContext context) {
                files.forEach((path, bytes) -> LakeFiles.write(context.lake().hadoopConf(), context.releaseDir() + "/" + path, bytes));
                return PhaseResult.of(this, name, summary.apply(context), Map.of(), List.of());
            }
        };
    }

    /** The real validation summary plus the IC and the charts the new validation will add. */
    static Phase validationExtras() {
        return phase(ValidationPhase.NAME, Stage.VALIDATION, Map.of("reports/ic_over_time.png", png(Color.BLUE)), context -> {
            Map<String, Object> summary = new LinkedHashMap<>(context.result(Stage.VALIDATION).orElseThrow().summary());
            summary.put("ic", Map.of("mean", 0.031, "std", 0.12, "icir", 0.258, "rank_ic_mean", 0.027, "rank_ic_std", 0.11,
                    "rank_icir", 0.245, "dates", 61));
            summary.put("charts", List.of("reports/ic_over_time.png"));
            return summary;
        });
    }

    static final String STAT_REPORT = "stat_tests.json";

    static Phase statTests() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(STAT_REPORT, "{\"status\": \"completed\", \"folds\": 4}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("reports/strategy_equity.png", png(Color.RED));
        return phase("statistical tests", Stage.STAT_TESTS, files, context -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", "completed");
            s.put("walk_forward", Map.of("folds", 4, "completed", 4, "mean_accuracy", 0.41, "std_accuracy", 0.03,
                    "mean_macro_f1", 0.37, "mean_baseline_accuracy", 0.36));
            s.put("bootstrap", Map.of("iterations", 200, "confidence", 0.95, "significant", true,
                    "accuracy", Map.of("estimate", 0.41, "lower", 0.38, "upper", 0.44),
                    "precision", Map.of("estimate", 0.40, "lower", 0.36, "upper", 0.44),
                    "sharpe", Map.of("estimate", 0.8, "lower", 0.1, "upper", 1.5)));
            s.put("hypothesis", Map.of("alpha", 0.05,
                    "vs_majority", Map.of("test", "mcnemar", "statistic", 9.87, "p_value", 0.0017, "delta", 0.05, "significant", true),
                    "vs_teacher_free", Map.of("test", "mcnemar", "statistic", 1.2, "p_value", 0.27, "delta", 0.01, "significant", false)));
            s.put("strategy", Map.of("sharpe", 0.8, "sortino", 1.1, "max_drawdown", -0.12, "hit_rate", 0.53, "turnover", 0.4,
                    "annual_return", 0.09, "days", 61));
            s.put("benchmark", Map.of("buy_and_hold", Map.of("sharpe", 0.5, "annual_return", 0.07, "max_drawdown", -0.2),
                    "index_proxy", Map.of("name", "NIFTY 50 proxy", "source", "equal-weighted universe", "alpha", 0.02,
                            "beta", 0.3, "information_ratio", 0.4, "tracking_error", 0.1, "correlation", 0.35)));
            s.put("report", STAT_REPORT);
            s.put("charts", List.of("reports/strategy_equity.png"));
            return s;
        });
    }

    static Phase stressTests() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("stress_summary.json", "{\"tested\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("reports/stress_covid_equity.png", png(new Color(0, 128, 0)));
        return phase("stress tests", Stage.STRESS_TESTS, files, context -> {
            Map<String, Object> tested = new LinkedHashMap<>();
            tested.put("name", "covid_crash");
            tested.put("start", "2022-06-01");
            tested.put("end", "2022-09-30");
            tested.put("status", "tested");
            tested.put("reason", null);
            tested.put("max_drawdown", -0.08);
            tested.put("precision", 0.44);
            tested.put("recall", 0.39);
            tested.put("sharpe", 0.6);
            tested.put("sortino", 0.9);
            tested.put("baselines", Map.of("buy_and_hold", Map.of("total_return", -0.1), "sixty_forty", Map.of("total_return", -0.04),
                    "cash", Map.of("total_return", 0.01)));
            tested.put("failure_mode", "none");
            tested.put("resilience_score", 62.0);
            tested.put("passed", true);
            tested.put("charts", List.of("reports/stress_covid_equity.png"));
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("name", "gfc_2008");
            skipped.put("start", "2008-01-01");
            skipped.put("end", "2009-03-31");
            skipped.put("status", "skipped");
            skipped.put("reason", "no overlap with the run's data (2022-01-01 to 2023-03-31)");
            skipped.put("passed", null);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", "completed");
            s.put("pass_threshold", 50.0);
            s.put("periods", List.of(tested, skipped));
            s.put("tested", 1);
            s.put("skipped", 1);
            s.put("report", "stress_summary.json");
            s.put("charts", List.of());
            return s;
        });
    }
}
