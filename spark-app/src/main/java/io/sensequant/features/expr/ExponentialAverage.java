package io.sensequant.features.expr;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The recursive exponential average {@code e[t] = e[t-1] + alpha * (x[t] - e[t-1])}, seeded with the first
 * non-null value and skipping nulls, as a Spark aggregate. Over a growing frame (unbounded preceding to the
 * current row) Spark updates one buffer per row, so a series costs O(n) and every value is the exact
 * full-history average, not a truncated approximation.
 */
public final class ExponentialAverage extends Aggregator<Double, ExponentialAverage.State, Double> {
    private final double alpha;

    public ExponentialAverage(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("smoothing factor must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The smoothing factor of a Qlib span: N >= 1 means 2 / (N + 1); a value in (0, 1) is the factor itself. */
    public static double alphaOfSpan(double span) {
        return span >= 1 ? 2.0 / (span + 1) : span;
    }

    /** Rows before the average counts as warmed up: N for a span, the Wilder period 1 / alpha for a factor. */
    public static int periodOfSpan(double span) {
        return span >= 1 ? (int) span : (int) Math.ceil(1 / span - 1e-9);
    }

    @Override
    public State zero() {
        return new State();
    }

    @Override
    public State reduce(State state, Double x) {
        if (x == null || x.isNaN()) {
            return state;
        }
        if (state.isStarted()) {
            state.setValue(state.getValue() + alpha * (x - state.getValue()));
        } else {
            state.setValue(x);
            state.setStarted(true);
        }
        return state;
    }

    /** Only used if Spark ever splits a frame; an exponential average over disjoint pieces has no exact merge. */
    @Override
    public State merge(State a, State b) {
        return b.isStarted() ? b : a;
    }

    @Override
    public Double finish(State state) {
        return state.isStarted() ? state.getValue() : null;
    }

    @Override
    public Encoder<State> bufferEncoder() {
        return Encoders.bean(State.class);
    }

    @Override
    public Encoder<Double> outputEncoder() {
        return Encoders.DOUBLE();
    }

    /** Mutable aggregation buffer (a bean, as Spark's bean encoder requires). */
    public static final class State implements java.io.Serializable {
        private double value;
        private boolean started;

        public double getValue() {
            return value;
        }

        public void setValue(double value) {
            this.value = value;
        }

        public boolean isStarted() {
            return started;
        }

        public void setStarted(boolean started) {
            this.started = started;
        }
    }
}
