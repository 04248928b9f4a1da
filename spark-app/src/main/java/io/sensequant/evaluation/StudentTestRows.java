package io.sensequant.evaluation;

import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.stats.DatePanel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.to_date;

/**
 * The student's out-of-sample test rows on the driver, in (date, symbol) order: true label, prediction, the
 * teacher-free persistence baseline's call, the score prob_up − prob_down and the realised forward return.
 * Persistence predicts for (symbol, t) the label of the same symbol {@code horizon} rows earlier: the latest
 * label already realised at t (its forward window closes at t), so the baseline uses no model, no teacher and
 * no future. It is -1 where the symbol has no row that far back; score and return are NaN where missing.
 */
public record StudentTestRows(String[] symbols, LocalDate[] dates, int[] labels, int[] predictions, int[] persistence,
                              double[] scores, double[] forwardReturns) {
    public static final int NONE = DatePanel.NONE;

    /** Rows without score or forward return (NaN for both), as the older tests build them. */
    public StudentTestRows(String[] symbols, LocalDate[] dates, int[] labels, int[] predictions, int[] persistence) {
        this(symbols, dates, labels, predictions, persistence, nan(labels.length), nan(labels.length));
    }

    /** {@code student}: every row (all splits) of the student's predictions, so the lag can reach before the test period. */
    public static StudentTestRows collect(Dataset<Row> student, int horizon) {
        WindowSpec bySymbol = Window.partitionBy(OhlcvSchema.SYMBOL).orderBy(OhlcvSchema.TS);
        List<Row> rows = student
                .withColumn("persistence", lag(col("label"), horizon).over(bySymbol))
                .where(col("split").equalTo("test").and(col("label").isNotNull()))
                .select(col(OhlcvSchema.SYMBOL), to_date(col(OhlcvSchema.TS)).as("date"), col("label").cast("int"),
                        col("prediction").cast("int"), col("persistence").cast("int"),
                        col("prob_up").minus(col("prob_down")).cast("double").as("score"),
                        col("fwd_return").cast("double"))
                .orderBy("date", OhlcvSchema.SYMBOL).collectAsList();
        int n = rows.size();
        StudentTestRows out = new StudentTestRows(new String[n], new LocalDate[n], new int[n], new int[n], new int[n],
                new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            out.symbols[i] = r.getString(0);
            out.dates[i] = r.getDate(1).toLocalDate();
            out.labels[i] = r.getInt(2);
            out.predictions[i] = r.getInt(3);
            out.persistence[i] = r.isNullAt(4) ? NONE : r.getInt(4);
            out.scores[i] = r.isNullAt(5) ? Double.NaN : r.getDouble(5);
            out.forwardReturns[i] = r.isNullAt(6) ? Double.NaN : r.getDouble(6);
        }
        return out;
    }

    /**
     * The majority class of the student's training labels (split "train"; lowest class on a tie), the edge
     * requirement's ex-ante constant predictor; {@link #NONE} when there are no labelled training rows.
     */
    public static int trainingMajority(Dataset<Row> student, int classes) {
        long[] support = new long[classes];
        student.where(col("split").equalTo("train").and(col("label").isNotNull()))
                .groupBy(col("label").cast("int").as("label")).count().collectAsList()
                .forEach(r -> support[r.getInt(0)] += r.getLong(1));
        int majority = NONE;
        for (int c = 0; c < classes; c++) {
            if (support[c] > 0 && (majority == NONE || support[c] > support[majority])) {
                majority = c;
            }
        }
        return majority;
    }

    public int size() {
        return labels.length;
    }

    /** The rows as the date-level verdict's panel: dates numbered 0.. in time order (the rows are date-sorted). */
    public DatePanel panel(int classes) {
        int n = size();
        int[] date = new int[n];
        int index = -1;
        for (int i = 0; i < n; i++) {
            index += i == 0 || !dates[i].equals(dates[i - 1]) ? 1 : 0;
            date[i] = index;
        }
        return new DatePanel(date, labels, predictions, persistence, scores, forwardReturns, classes);
    }

    private static double[] nan(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
