package io.sensequant.evaluation;

import io.sensequant.features.FeatureColumns;
import io.sensequant.ingest.OhlcvSchema;
import io.sensequant.training.StudentModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * The student replayed out of sample through a stress period: fitted like the baseline student (teacher classes as
 * labels, teacher confidence as weights, the same hyperparameters) but only on rows up to {@code trainEnd}, which
 * the caller sets a purge of the target horizon before the period's first session, then asked to predict every row
 * of the period. The in-sample accuracy (its own training rows, true labels) is the overfit rule's reference.
 */
public final class StressReplay {
    private StressReplay() {
    }

    /** How the student was fitted. */
    public record Fit(Map<String, Object> hyperparameters, List<String> featureColumns, int seed, int workers, int nthread) {
    }

    public record Outcome(List<SignalStrategy.Signal> signals, double inSampleAccuracy) {
    }

    /**
     * @param labelled features joined with the teachers' out-of-sample labels ({@link StudentModel#LABEL},
     *                 {@link StudentModel#WEIGHT}) and the true {@code label}
     * @param features every feature row of the run (what the replay predicts)
     */
    public static Outcome run(Dataset<Row> labelled, Dataset<Row> features, LocalDate trainEnd, LocalDate start,
                              LocalDate end, Fit fit) {
        Dataset<Row> training = labelled.where(col(FeatureColumns.DATE).leq(lit(Date.valueOf(trainEnd))));
        XGBoostClassificationModel model = StudentModel.fit(training, fit.featureColumns(), fit.hyperparameters(), fit.seed(),
                fit.workers(), fit.nthread());
        Row inSample = model.transform(StudentModel.assemble(training, fit.featureColumns()))
                .agg(avg(when(col("prediction").cast("int").equalTo(col(FeatureColumns.LABEL)), 1.0).otherwise(0.0))).first();
        Dataset<Row> period = features.where(col(FeatureColumns.DATE).between(Date.valueOf(start), Date.valueOf(end)));
        List<SignalStrategy.Signal> signals = signals(model.transform(StudentModel.assemble(period, fit.featureColumns()))
                .select(col(OhlcvSchema.SYMBOL), col(FeatureColumns.DATE), col(FeatureColumns.LABEL).cast("int"),
                        col("prediction").cast("int")));
        return new Outcome(signals, inSample.isNullAt(0) ? Double.NaN : inSample.getDouble(0));
    }

    /** The teachers' own out-of-sample predictions in [start, end] (their validation rows), as signals. */
    public static List<SignalStrategy.Signal> teacherSignals(Dataset<Row> teacherPredictions, LocalDate start, LocalDate end) {
        return signals(teacherPredictions.withColumn(FeatureColumns.DATE, to_date(col(OhlcvSchema.TS)))
                .where(col(FeatureColumns.DATE).between(Date.valueOf(start), Date.valueOf(end)))
                .select(col(OhlcvSchema.SYMBOL), col(FeatureColumns.DATE), col("label"), col("prediction")));
    }

    /** (symbol, date, label, prediction) rows as signals, sorted by date then symbol. */
    private static List<SignalStrategy.Signal> signals(Dataset<Row> rows) {
        return rows.orderBy(FeatureColumns.DATE, OhlcvSchema.SYMBOL).collectAsList().stream()
                .map(r -> new SignalStrategy.Signal(r.getString(0), r.getDate(1).toLocalDate(),
                        r.isNullAt(2) ? null : r.getInt(2), r.getInt(3))).toList();
    }
}
