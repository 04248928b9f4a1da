package io.sensequant.training;

import io.sensequant.features.FeatureColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The direct baseline beside the student ({@code training.student.direct_baseline}): the same XGBoost classifier
 * on the same rows (the teacher-labelled rows up to the student's train end), features, hyperparameters, split and
 * seed, but learning the TRUE label with uniform weights. The student learns the teachers' out-of-sample classes
 * weighted by their confidence; if the direct model scores better out of sample, distillation through the teachers
 * loses skill. Because only the target and the weights differ, the comparison isolates what the teachers' labels do.
 */
public final class DirectBaseline {
    /** Model name in {@code predictions}, {@code student_runs} and the validation scopes. */
    public static final String MODEL = "student_direct";
    /** Weighting recorded in {@code student_runs}: every training row counts once. */
    static final String WEIGHTING = "uniform";
    /** The true label as the classifier's label column (the features' {@code label}, as an int class). */
    static final String LABEL = "true_label";
    static final String WEIGHT = "uniform_weight";

    private DirectBaseline() {
    }

    /** The student's training rows with their true class and a weight of one; the rows themselves are unchanged. */
    static Dataset<Row> trainingRows(Dataset<Row> studentTraining) {
        return studentTraining.withColumn(LABEL, col(FeatureColumns.LABEL).cast("int")).withColumn(WEIGHT, lit(1.0));
    }

    /**
     * What distillation leaves out of the training period: every labelled row up to the train end (what a model
     * on the true labels could use) against the teacher-labelled rows the student trains on, and how many of those
     * carry a teacher class equal to the true class. Row counts, descriptive only.
     */
    public record Coverage(long labelledTrainRows, long teacherLabelledTrainRows, long teacherAgreesWithTruth) {
        /** Share of the period's labelled rows that carry a teacher label (NaN with no labelled row). */
        public double share() {
            return labelledTrainRows == 0 ? Double.NaN : (double) teacherLabelledTrainRows / labelledTrainRows;
        }

        /** Share of the student's training rows whose teacher class equals the true class. */
        public double agreement() {
            return teacherLabelledTrainRows == 0 ? Double.NaN : (double) teacherAgreesWithTruth / teacherLabelledTrainRows;
        }

        public Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("unit", "rows (symbol x session) up to the student's train end");
            map.put("labelled_train_rows", labelledTrainRows);
            map.put("teacher_labelled_train_rows", teacherLabelledTrainRows);
            map.put("left_out_rows", labelledTrainRows - teacherLabelledTrainRows);
            map.put("teacher_label_share", finite(share()));
            map.put("teacher_label_agreement", finite(agreement()));
            return map;
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }

    /**
     * @param features the run's training features (true {@code label}, {@code date})
     * @param training the student's training rows (teacher class in {@link StudentModel#LABEL} beside the true label)
     */
    static Coverage coverage(Dataset<Row> features, Dataset<Row> training, Date trainEnd) {
        long labelled = features.where(col(FeatureColumns.DATE).leq(lit(trainEnd)).and(col(FeatureColumns.LABEL).isNotNull()))
                .count();
        Row agreement = training.agg(count(lit(1)), sum(when(col(StudentModel.LABEL).equalTo(col(FeatureColumns.LABEL)), 1)
                .otherwise(0))).first();
        return new Coverage(labelled, agreement.getLong(0), agreement.isNullAt(1) ? 0L : agreement.getLong(1));
    }
}
