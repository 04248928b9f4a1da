package io.sensequant.features.expr;

/**
 * How many earlier bars an expression needs before its value at a bar is fully defined: a row whose series
 * has fewer bars before it than this is warm-up. Nesting adds up ({@code Mean(Ref($close, 1), 5)} needs 5
 * earlier bars); cross-sectional operators add nothing along the time axis.
 */
public final class Lookback {
    private Lookback() {
    }

    public static int of(Expr expr) {
        if (expr instanceof Expr.Negate n) {
            return of(n.operand());
        } else if (expr instanceof Expr.Binary b) {
            return Math.max(of(b.left()), of(b.right()));
        } else if (expr instanceof Expr.Call c) {
            int inner = 0;
            for (int i = 0; i < c.args().size(); i++) {
                if (c.operator().args().get(i) == Operator.Arg.EXPR) {
                    inner = Math.max(inner, of(c.args().get(i)));
                }
            }
            return inner + own(c);
        }
        return 0;
    }

    private static int own(Expr.Call c) {
        Operator op = c.operator();
        if (op.kind() != Operator.Kind.TIME_SERIES) {
            return 0;
        }
        return switch (op) {
            case REF, DELTA -> c.window(1);
            case EMA -> ExponentialAverage.periodOfSpan(c.number(1)) - 1;
            case CORR, COV -> c.window(2) - 1;
            default -> c.window(1) - 1;
        };
    }
}
