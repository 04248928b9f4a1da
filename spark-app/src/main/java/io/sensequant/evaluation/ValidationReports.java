package io.sensequant.evaluation;

import io.sensequant.pipeline.RunContext;
import io.sensequant.stats.ClassificationMetrics;
import io.sensequant.stats.ConfusionMatrix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validation files for the reviewer: {@code validation_summary.json} (every scope, every teacher window with its
 * confusion matrix, per-symbol student accuracy, the daily IC series), {@code validation_summary.md}, and
 * {@code reports/accuracy_report.html} (self-contained) with its PNG charts also saved under {@code reports/}.
 */
final class ValidationReports {
    static final String SUMMARY_JSON = "validation_summary.json";
    static final String SUMMARY_MD = "validation_summary.md";
    static final String HTML = Reports.REPORTS_DIR + "/accuracy_report.html";
    static final String CONFUSION_PNG = Reports.REPORTS_DIR + "/confusion_student_test.png";
    static final String CONFUSION_TEACHER_PNG = Reports.REPORTS_DIR + "/confusion_teacher_validation.png";
    static final String SYMBOL_PNG = Reports.REPORTS_DIR + "/accuracy_by_symbol.png";
    static final String IC_PNG = Reports.REPORTS_DIR + "/ic_over_time.png";

    /** What was computed, for the files; {@code directBaseline}: the {@link DirectComparison} section, null when off. */
    record Inputs(List<String> classes, Map<String, Object> scopes, ConfusionMatrix studentTest, ConfusionMatrix teacher,
                  Map<String, ConfusionMatrix> windows, Map<String, ConfusionMatrix> studentBySymbol,
                  InformationCoefficient.Result ic, Map<String, Object> directBaseline) {
    }

    /** Rows of the direct-baseline table: figure key in both models' maps and in the differences. */
    private static final List<String> DIRECT_ROWS = List.of("accuracy", "baseline_majority_accuracy", "macro_f1",
            "ic_mean", "rank_ic_mean", "ic_dates");

    /** The files written: the summary's "reports" and "charts". */
    record Written(Map<String, String> reports, List<String> charts) {
    }

    private ValidationReports() {
    }

    static Written write(RunContext context, Inputs in) {
        Map<String, Double> symbolAccuracy = new LinkedHashMap<>();
        in.studentBySymbol().forEach((symbol, m) -> symbolAccuracy.put(symbol, ClassificationMetrics.of(m).accuracy()));
        Map<LocalDate, Double> ic = new TreeMap<>();
        Map<LocalDate, Double> rankIc = new TreeMap<>();
        in.ic().daily().forEach(d -> {
            ic.put(d.date(), d.ic());
            rankIc.put(d.date(), d.rankIc());
        });
        Map<String, Map<LocalDate, Double>> icLines = new LinkedHashMap<>();
        icLines.put("IC", ic);
        icLines.put("Rank IC", rankIc);

        byte[] confusion = Charts.confusionHeatmap("Student, test split: confusion matrix", in.studentTest(), in.classes());
        byte[] teacherConfusion = Charts.confusionHeatmap("Teachers, out-of-sample: confusion matrix", in.teacher(), in.classes());
        byte[] symbols = Charts.bars("Student test accuracy by symbol", "accuracy", symbolAccuracy);
        byte[] icChart = Charts.lines("Student IC and Rank IC per date (test split)", "correlation", icLines);
        List<String> charts = List.of(Reports.write(context, CONFUSION_PNG, confusion),
                Reports.write(context, CONFUSION_TEACHER_PNG, teacherConfusion),
                Reports.write(context, SYMBOL_PNG, symbols), Reports.write(context, IC_PNG, icChart));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run_id", context.runId());
        json.put("classes", in.classes());
        json.put("scopes", in.scopes());
        Map<String, Object> windows = new LinkedHashMap<>();
        in.windows().forEach((label, m) -> {
            Map<String, Object> w = new LinkedHashMap<>(ClassificationMetrics.of(m).asMap(in.classes()));
            w.put("confusion_matrix", matrixRows(m));
            windows.put(label, w);
        });
        json.put("teacher_windows", windows);
        json.put("student_test_accuracy_by_symbol", symbolAccuracy);
        Map<String, Object> icJson = new LinkedHashMap<>(in.ic().asSummary());
        icJson.put("daily", in.ic().daily().stream().map(d -> Map.of("date", d.date().toString(), "symbols", d.symbols(),
                "ic", d.ic(), "rank_ic", d.rankIc())).toList());
        json.put("ic", icJson);
        if (in.directBaseline() != null) {
            json.put("direct_baseline", in.directBaseline());
        }
        json.put("charts", charts);
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put("validation_summary_json", context.releaseDir() + "/" + SUMMARY_JSON);
        reports.put("validation_summary_md", context.releaseDir() + "/" + SUMMARY_MD);
        reports.put("accuracy_report_html", context.releaseDir() + "/" + HTML);
        json.put("reports", reports);

        Reports.writeJson(context, SUMMARY_JSON, json);
        Reports.write(context, SUMMARY_MD, markdown(context.runId(), in, symbolAccuracy));
        HtmlPage page = new HtmlPage("Accuracy report: " + context.runId());
        page.heading("Student, test split").keyValues(scalars(in.scopes().get("student/test")))
                .image("confusion matrix, student test split", confusion)
                .heading("Accuracy by symbol (student, test split)").image("accuracy by symbol", symbols)
                .heading("IC and Rank IC (student score prob_up - prob_down vs realised forward return)")
                .keyValues(in.ic().asSummary()).image("IC over time", icChart);
        if (in.directBaseline() != null && in.directBaseline().containsKey("sentence")) {
            page.heading("Direct baseline (true labels) beside the student, test split")
                    .paragraph(in.directBaseline().get("sentence") + ". " + in.directBaseline().get("units") + ". "
                            + in.directBaseline().get("inference") + ".")
                    .table(List.of("figure", "student", "direct", "direct - student"), directRows(in.directBaseline()));
        }
        page.heading("Teachers, out-of-sample validation rows").keyValues(scalars(in.scopes().get("teacher/validation")))
                .image("confusion matrix, teachers", teacherConfusion)
                .heading("Teacher windows").table(List.of("window", "samples", "accuracy", "macro F1"), windowRows(windows));
        Reports.write(context, HTML, page.render());
        return new Written(reports, charts);
    }

    private static String markdown(String runId, Inputs in, Map<String, Double> symbolAccuracy) {
        StringBuilder md = new StringBuilder("# Validation summary: " + runId + "\n\n## Scopes\n\n");
        md.append("| scope | samples | accuracy | majority baseline | macro precision | macro recall | macro F1 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        in.scopes().forEach((scope, value) -> {
            if (value instanceof Map<?, ?> m && m.containsKey("accuracy")) {
                md.append("| ").append(scope);
                for (String key : List.of("samples", "accuracy", "baseline_majority_accuracy", "macro_precision",
                        "macro_recall", "macro_f1")) {
                    md.append(" | ").append(Reports.format(m.get(key)));
                }
                md.append(" |\n");
            }
        });
        md.append("\n## IC and Rank IC (student, test split)\n\nPer date, Pearson (IC) and Spearman (Rank IC) correlation across "
                + "symbols of the score prob_up - prob_down with the realised forward return; IR = mean / std.\n\n| metric | value |\n|---|---:|\n");
        in.ic().asSummary().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(Reports.format(v)).append(" |\n"));
        if (in.directBaseline() != null && in.directBaseline().containsKey("sentence")) {
            md.append("\n## Direct baseline (true labels) beside the student\n\n")
                    .append(in.directBaseline().get("sentence")).append(".\n\nUnits: ").append(in.directBaseline().get("units"))
                    .append(". ").append(in.directBaseline().get("inference")).append(".\n\n")
                    .append("| figure | student | direct | direct - student |\n|---|---:|---:|---:|\n");
            directRows(in.directBaseline()).forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
        }
        md.append("\n## Student test accuracy by symbol\n\n| symbol | accuracy |\n|---|---:|\n");
        symbolAccuracy.forEach((s, a) -> md.append("| ").append(s).append(" | ").append(Reports.format(a)).append(" |\n"));
        md.append("\n## Teacher windows\n\n").append(in.windows().size())
                .append(" windows scored on their out-of-sample rows (metrics scope `teacher/<window_label>`; ")
                .append("confusion matrices in ").append(SUMMARY_JSON).append(").\n\nCharts: ").append(HTML).append('\n');
        return md.toString();
    }

    private static Map<String, Object> scalars(Object scope) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (scope instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number) {
                    values.put(String.valueOf(k), v);
                }
            });
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> windowRows(Map<String, Object> windows) {
        List<List<String>> rows = new ArrayList<>();
        windows.forEach((label, value) -> {
            Map<String, Object> w = (Map<String, Object>) value;
            rows.add(List.of(label, Reports.format(w.get("samples")), Reports.format(w.get("accuracy")),
                    Reports.format(w.get("macro_f1"))));
        });
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> directRows(Map<String, Object> section) {
        Map<String, Object> student = (Map<String, Object>) section.get("student");
        Map<String, Object> direct = (Map<String, Object>) section.get("direct");
        Map<String, Object> difference = (Map<String, Object>) section.get("difference");
        List<List<String>> rows = new ArrayList<>();
        for (String key : DIRECT_ROWS) {
            rows.add(List.of(key, Reports.format(student.get(key)), Reports.format(direct.get(key)),
                    difference.containsKey(key) ? Reports.format(difference.get(key)) : ""));
        }
        return rows;
    }

    static List<List<Long>> matrixRows(ConfusionMatrix matrix) {
        List<List<Long>> rows = new ArrayList<>();
        for (int actual = 0; actual < matrix.classes(); actual++) {
            List<Long> row = new ArrayList<>();
            for (int predicted = 0; predicted < matrix.classes(); predicted++) {
                row.add(matrix.count(actual, predicted));
            }
            rows.add(row);
        }
        return rows;
    }
}
