package io.sensequant.features.expr;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.covar_samp;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.var_samp;
import static org.apache.spark.sql.functions.var_pop;
import static org.apache.spark.sql.functions.regr_slope;
import static org.apache.spark.sql.functions.regr_r2;
import static org.apache.spark.sql.functions.regr_intercept;
import static org.apache.spark.sql.functions.when;

/**
 * Compiles parsed feature expressions to Spark columns over a bars frame ({@code symbol, interval, ts, open,
 * high, low, close, volume}).
 *
 * <p><b>Contract.</b> {@link #prepare} adds the helper row-number column (one per (symbol, interval) series,
 * ordered by ts); {@link #compile} returns a column valid on a prepared frame; {@link #finish} drops every
 * helper column (all start with {@value #HELPER_PREFIX}). {@link #compile} handles expressions in which no
 * window operator appears inside another window operator's argument — Spark forbids nested window functions.
 * {@link #compileAll} handles everything: it materialises every window-operator node as its own helper column
 * via {@code withColumn}, innermost first, keyed by the node's canonical text so a sub-expression shared by
 * several features is computed once; a parent operator then only sees plain columns.
 *
 * <p><b>Nulls.</b> A time-series operator over N rows is null until its window holds N non-null values (the
 * row number is at least N and the window's non-null count is N): the pandas {@code rolling(N)} default
 * {@code min_periods=N}, so e.g. {@code Mean(Ref($close,1),5)} first has a value on the 6th row. Ref and
 * Delta are plain lags (null for the first N rows). EMA is the exact recursive average over the whole
 * series so far (its non-null values, seeded with the first), null for the first N-1 rows (N the span, or the
 * Wilder period 1/alpha for a smoothing factor). Element-wise sub-expressions are
 * inlined (cheap); only window operators become shared helper columns.
 * Expressions are evaluated in double precision; division by zero and the log of a non-positive number give
 * null (Spark's non-ANSI semantics) where Qlib would give inf/NaN. Comparisons yield 1.0/0.0, and {@code &},
 * {@code |} and {@code If} treat any non-zero value as true.
 */
public final class ExpressionCompiler {
    public static final String HELPER_PREFIX = "__expr_";
    public static final String ROW_NUMBER = HELPER_PREFIX + "rn";
    static final String DEFAULT_SOURCE = "feature map";

    private final String rowNumber;
    private Set<String> columns = Set.of();

    /** A compiler whose row number is a helper column, dropped by {@link #finish}. */
    public ExpressionCompiler() {
        this(ROW_NUMBER);
    }

    /**
     * @param rowNumberColumn where the 1-based row number of each series goes (the operators need it); a name
     *                        outside {@value #HELPER_PREFIX} keeps it in the output, so a caller that wants a
     *                        bar index anyway does not pay for a second row_number window
     */
    public ExpressionCompiler(String rowNumberColumn) {
        this.rowNumber = rowNumberColumn;
    }

    /** Adds the row-number column and remembers which columns exist (for the {@code $vwap} fallback). */
    public Dataset<Row> prepare(Dataset<Row> bars) {
        columns = Set.copyOf(Arrays.asList(bars.columns()));
        return bars.withColumn(rowNumber, row_number().over(SeriesWindows.ordered()));
    }

    /** Compiles one expression with no window operator nested in another (see class comment). */
    public Column compile(Expr expr) {
        return build(expr, null);
    }

    public Dataset<Row> finish(Dataset<Row> frame) {
        String[] helpers = Arrays.stream(frame.columns()).filter(c -> c.startsWith(HELPER_PREFIX)).toArray(String[]::new);
        return frame.drop(helpers);
    }

    /** {@link #compileAll(Dataset, Map, String)} with a generic source name in error messages. */
    public Dataset<Row> compileAll(Dataset<Row> bars, Map<String, String> features) {
        return compileAll(bars, features, DEFAULT_SOURCE);
    }

    /**
     * Parses every feature (name → expression text), and returns {@code bars} with one extra column per
     * feature, in the map's iteration order.
     *
     * @param source where the expressions came from, e.g. {@code conf/features/alpha158.yaml}, for errors
     */
    public Dataset<Row> compileAll(Dataset<Row> bars, Map<String, String> features, String source) {
        Map<String, Expr> parsed = new LinkedHashMap<>();
        features.forEach((name, text) -> parsed.put(name, ExpressionParser.parse(name, source, text)));
        return compileParsed(bars, parsed, name -> source);
    }

    /**
     * As {@link #compileAll(Dataset, Map, String)} for expressions already parsed (and references expanded).
     *
     * @param sourceOf the file each feature came from, for errors about fields the bars do not have
     */
    public Dataset<Row> compileParsed(Dataset<Row> bars, Map<String, Expr> parsed, Function<String, String> sourceOf) {
        Dataset<Row> frame = prepare(bars);
        parsed.forEach((name, expr) -> checkFields(expr, new ParseErrors(name, sourceOf.apply(name))));

        Map<String, String> helperByCanonical = new LinkedHashMap<>();
        // Helpers grouped by nesting depth: all helpers of one depth depend only on shallower ones, so each
        // depth is one projection. One withColumn per helper would make the plan (and its analysis time) grow
        // with the number of features instead of with their nesting depth.
        java.util.TreeMap<Integer, Map<String, Column>> stepsByDepth = new java.util.TreeMap<>();
        Function<Expr, Column> materialise = new Function<>() {
            @Override
            public Column apply(Expr node) {
                String existing = helperByCanonical.get(node.canonical());
                if (existing != null) {
                    return col(existing);
                }
                // Children first: their helpers are registered before this one.
                Column column = windowNode((Expr.Call) node, this);
                String helper = HELPER_PREFIX + helperByCanonical.size();
                helperByCanonical.put(node.canonical(), helper);
                stepsByDepth.computeIfAbsent(windowDepth(node), d -> new LinkedHashMap<>()).put(helper, column);
                return col(helper);
            }
        };
        Map<String, Column> outputs = new LinkedHashMap<>();
        parsed.forEach((name, expr) -> outputs.put(name, build(expr, materialise)));
        for (Map<String, Column> level : stepsByDepth.values()) {
            frame = frame.withColumns(level);
        }
        frame = frame.withColumns(outputs);
        return finish(frame);
    }

    /**
     * @param materialise null in {@link #compile} (window operators are inlined); in {@link #compileAll} it turns
     *                    a window-operator node into a reference to its helper column
     */
    private Column build(Expr expr, Function<Expr, Column> materialise) {
        if (expr instanceof Expr.Field f) {
            return field(f);
        } else if (expr instanceof Expr.Literal l) {
            return lit(l.value());
        } else if (expr instanceof Expr.Negate n) {
            return build(n.operand(), materialise).unary_$minus();
        } else if (expr instanceof Expr.Binary b) {
            return binary(b.op(), build(b.left(), materialise), build(b.right(), materialise));
        }
        Expr.Call c = (Expr.Call) expr;
        if (!c.operator().needsWindow()) {
            return elementWise(c, c.args().stream().map(a -> build(a, materialise)).toList());
        }
        return materialise == null ? windowNode(c, null) : materialise.apply(c);
    }

    /** A window operator whose expression arguments are built first (as helper columns under compileAll). */
    private Column windowNode(Expr.Call c, Function<Expr, Column> materialise) {
        List<Column> args = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            if (c.operator().args().get(i) != Operator.Arg.EXPR) {
                args.add(null);
            } else if (materialise == null && containsWindow(a)) {
                throw new IllegalArgumentException("window operator nested inside another window operator needs "
                        + "intermediate columns; use compileAll: " + c.canonical());
            } else {
                args.add(build(a, materialise));
            }
        }
        return window(c, args);
    }

    /** How many window operators are nested along the deepest path (0 for a window-free expression). */
    private static int windowDepth(Expr e) {
        if (e instanceof Expr.Call c) {
            int inner = c.args().stream().mapToInt(ExpressionCompiler::windowDepth).max().orElse(0);
            return c.operator().needsWindow() ? inner + 1 : inner;
        } else if (e instanceof Expr.Negate n) {
            return windowDepth(n.operand());
        } else if (e instanceof Expr.Binary b) {
            return Math.max(windowDepth(b.left()), windowDepth(b.right()));
        }
        return 0;
    }

    private static boolean containsWindow(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.operator().needsWindow() || c.args().stream().anyMatch(ExpressionCompiler::containsWindow);
        } else if (e instanceof Expr.Negate n) {
            return containsWindow(n.operand());
        } else if (e instanceof Expr.Binary b) {
            return containsWindow(b.left()) || containsWindow(b.right());
        }
        return false;
    }

    private Column field(Expr.Field f) {
        if (f.name().equals("vwap") && !columns.contains("vwap")) {
            // Typical price stands in for the volume-weighted price when bars carry none.
            return col("high").plus(col("low")).plus(col("close")).divide(3.0);
        }
        return col(f.name()).cast("double");
    }

    private void checkFields(Expr e, ParseErrors errors) {
        if (e instanceof Expr.Field f) {
            if (!columns.contains(f.name()) && !f.name().equals("vwap")) {
                throw errors.at(f.position(), "unknown field $" + f.name() + "; the bars have columns " + columns);
            }
        } else if (e instanceof Expr.Negate n) {
            checkFields(n.operand(), errors);
        } else if (e instanceof Expr.Binary b) {
            checkFields(b.left(), errors);
            checkFields(b.right(), errors);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> checkFields(a, errors));
        }
    }

    private static Column truth(Column c) {
        return c.notEqual(0);
    }

    private static Column binary(String op, Column l, Column r) {
        return switch (op) {
            case "+" -> l.plus(r);
            case "-" -> l.minus(r);
            case "*" -> l.multiply(r);
            case "/" -> l.divide(r);
            case ">" -> l.gt(r).cast("double");
            case ">=" -> l.geq(r).cast("double");
            case "<" -> l.lt(r).cast("double");
            case "<=" -> l.leq(r).cast("double");
            case "==" -> l.equalTo(r).cast("double");
            case "!=" -> l.notEqual(r).cast("double");
            case "&" -> truth(l).and(truth(r)).cast("double");
            case "|" -> truth(l).or(truth(r)).cast("double");
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    private static Column elementWise(Expr.Call c, List<Column> a) {
        Column nullDouble = lit(null).cast("double");
        return switch (c.operator()) {
            case ABS -> abs(a.get(0));
            case LOG -> log(a.get(0));
            case SIGN -> signum(a.get(0));
            // greatest/least skip nulls; Qlib's np.maximum/np.minimum propagate them, so do that.
            case GREATER -> when(a.get(0).isNull().or(a.get(1).isNull()), nullDouble).otherwise(greatest(a.get(0), a.get(1)));
            case LESS -> when(a.get(0).isNull().or(a.get(1).isNull()), nullDouble).otherwise(least(a.get(0), a.get(1)));
            case IF -> when(a.get(0).isNull(), nullDouble).when(truth(a.get(0)), a.get(1)).otherwise(a.get(2));
            case POWER -> pow(a.get(0), a.get(1));
            default -> throw new IllegalArgumentException("not element-wise: " + c.operator());
        };
    }

    private Column window(Expr.Call c, List<Column> args) {
        Operator op = c.operator();
        if (op.kind() == Operator.Kind.CROSS_SECTIONAL) {
            return crossSectional(op, args.get(0));
        }
        Column x = args.get(0);
        Column rn = col(rowNumber);
        if (op == Operator.REF || op == Operator.DELTA) {
            Column lagged = lag(x, c.window(1)).over(SeriesWindows.ordered());
            return op == Operator.REF ? lagged : x.minus(lagged);
        }
        if (op == Operator.CORR || op == Operator.COV) {
            Column y = args.get(1);
            int n = c.window(2);
            WindowSpec w = SeriesWindows.lastRows(n);
            Column full = rn.geq(n).and(count(when(x.isNotNull().and(y.isNotNull()), 1)).over(w).equalTo(n));
            return when(full, op == Operator.CORR ? corr(x, y).over(w) : covar_samp(x, y).over(w));
        }
        if (op == Operator.EMA) {
            double span = c.number(1);
            Column average = udaf(new ExponentialAverage(ExponentialAverage.alphaOfSpan(span)), Encoders.DOUBLE())
                    .apply(x).over(SeriesWindows.growing());
            return when(rn.geq(ExponentialAverage.periodOfSpan(span)), average);
        }
        int n = c.window(1);
        WindowSpec w = SeriesWindows.lastRows(n);
        Column full = rn.geq(n).and(count(x).over(w).equalTo(n));
        Column arr = collect_list(x).over(w);
        Column value = switch (op) {
            case MEAN -> avg(x).over(w);
            case SUM -> sum(x).over(w);
            case STD -> stddev_samp(x).over(w);
            case VAR -> var_samp(x).over(w);
            case MAX -> max(x).over(w);
            case MIN -> min(x).over(w);
            case MED -> RollingArrays.quantile(arr, n, 0.5);
            case QUANTILE -> RollingArrays.quantile(arr, n, c.number(2));
            case MAD -> RollingArrays.meanAbsDeviation(arr, n);
            case SKEW -> RollingArrays.skew(arr, n);
            case KURT -> RollingArrays.kurt(arr, n);
            // array_position is 1-based and finds the first (oldest) occurrence, as numpy argmax + 1 in Qlib.
            case IDXMAX -> array_position(arr, array_max(arr)).cast("double");
            case IDXMIN -> array_position(arr, array_min(arr)).cast("double");
            case RANK -> RollingArrays.rankOfLast(arr, n);
            // Least squares on the row number: the slope equals that on t = 1..n (a shift of t changes only the
            // intercept), and Spark's regression aggregates are native, unlike array lambdas.
            case SLOPE -> regr_slope(x, rn).over(w);
            case RSQUARE -> when(var_pop(x).over(w).gt(0), regr_r2(x, rn).over(w));
            case RESI -> x.minus(regr_intercept(x, rn).over(w).plus(regr_slope(x, rn).over(w).multiply(rn)));
            case WMA -> RollingArrays.weightedMean(arr, n);
            default -> throw new IllegalArgumentException("not a rolling operator: " + op);
        };
        return when(full, value);
    }

    /**
     * CSRank is the average-method percentile rank of pandas {@code rank(pct=True)} (as Qlib's CSRank):
     * (rank ascending + n - rank descending + 1) / (2n), which equals (count(<) + count(<=) + 1) / (2n) and
     * gives ties their mean rank — not Spark's percent_rank, which is (rank-1)/(n-1). Nulls are excluded from n
     * and stay null. CSZScore uses the sample standard deviation (pandas std, ddof=1).
     */
    private static Column crossSectional(Operator op, Column x) {
        WindowSpec cs = SeriesWindows.crossSection();
        if (op == Operator.CSZSCORE) {
            return x.minus(avg(x).over(cs)).divide(stddev_samp(x).over(cs));
        }
        Column n = count(x).over(cs);
        Column asc = rank().over(SeriesWindows.crossSection(x.asc_nulls_last()));
        Column desc = rank().over(SeriesWindows.crossSection(x.desc_nulls_last()));
        return when(x.isNotNull(), asc.plus(n).minus(desc).plus(1).divide(n.multiply(2)));
    }
}
