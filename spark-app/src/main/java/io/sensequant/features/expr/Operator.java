package io.sensequant.features.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator vocabulary: name, signature and how it is evaluated. The signature lives here (not in the
 * parser) so that the parser can reject bad calls with a position before anything reaches Spark.
 */
public enum Operator {
    // Time-series operators over the last N rows of one (symbol, interval) series.
    REF("Ref", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    DELTA("Delta", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    MEAN("Mean", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    SUM("Sum", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    STD("Std", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.WINDOW),
    VAR("Var", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.WINDOW),
    MAX("Max", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    MIN("Min", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    MED("Med", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    MAD("Mad", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    SKEW("Skew", Kind.TIME_SERIES, 3, Arg.EXPR, Arg.WINDOW),
    KURT("Kurt", Kind.TIME_SERIES, 4, Arg.EXPR, Arg.WINDOW),
    QUANTILE("Quantile", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW, Arg.FRACTION),
    IDXMAX("IdxMax", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    IDXMIN("IdxMin", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    RANK("Rank", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    CORR("Corr", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.EXPR, Arg.WINDOW),
    COV("Cov", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.EXPR, Arg.WINDOW),
    SLOPE("Slope", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.WINDOW),
    RSQUARE("Rsquare", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.WINDOW),
    RESI("Resi", Kind.TIME_SERIES, 2, Arg.EXPR, Arg.WINDOW),
    EMA("EMA", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.SPAN),
    WMA("WMA", Kind.TIME_SERIES, 1, Arg.EXPR, Arg.WINDOW),
    // Element-wise operators: plain column arithmetic, never a window.
    ABS("Abs", Kind.ELEMENT_WISE, 0, Arg.EXPR),
    LOG("Log", Kind.ELEMENT_WISE, 0, Arg.EXPR),
    SIGN("Sign", Kind.ELEMENT_WISE, 0, Arg.EXPR),
    GREATER("Greater", Kind.ELEMENT_WISE, 0, Arg.EXPR, Arg.EXPR),
    LESS("Less", Kind.ELEMENT_WISE, 0, Arg.EXPR, Arg.EXPR),
    IF("If", Kind.ELEMENT_WISE, 0, Arg.EXPR, Arg.EXPR, Arg.EXPR),
    POWER("Power", Kind.ELEMENT_WISE, 0, Arg.EXPR, Arg.EXPR),
    // Cross-sectional operators: across symbols at the same (ts, interval).
    CSRANK("CSRank", Kind.CROSS_SECTIONAL, 0, Arg.EXPR),
    CSZSCORE("CSZScore", Kind.CROSS_SECTIONAL, 0, Arg.EXPR);

    public enum Kind { TIME_SERIES, ELEMENT_WISE, CROSS_SECTIONAL }

    /**
     * EXPR: any expression; WINDOW: a positive integer literal; FRACTION: a numeric literal in [0, 1]; SPAN: an
     * integer literal N >= 1 (smoothing 2 / (N + 1)) or a literal in (0, 1) taken as the smoothing factor itself,
     * as in Qlib's EMA (so Wilder's smoothing over 14 bars is {@code EMA(x, 1/14)}).
     */
    public enum Arg { EXPR, WINDOW, FRACTION, SPAN }

    private static final Map<String, Operator> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(o -> o.displayName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String displayName;
    private final Kind kind;
    private final int minWindow;
    private final List<Arg> args;

    Operator(String displayName, Kind kind, int minWindow, Arg... args) {
        this.displayName = displayName;
        this.kind = kind;
        this.minWindow = minWindow;
        this.args = List.of(args);
    }

    /** Names are matched case-insensitively (Qlib configs mix "Ema" and "EMA"). */
    public static Optional<Operator> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The smallest window for which the statistic is defined (sample std needs 2 points, unbiased skew 3,
     * unbiased kurtosis 4); a smaller window is a config error rather than a column of nulls.
     */
    public int minWindow() {
        return minWindow;
    }

    public List<Arg> args() {
        return args;
    }

    /** Whether evaluating this operator needs a window function (so its arguments must already be columns). */
    public boolean needsWindow() {
        return kind != Kind.ELEMENT_WISE;
    }
}
