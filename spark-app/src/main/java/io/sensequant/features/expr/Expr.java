package io.sensequant.features.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The AST of a feature expression. Every node keeps the 1-based character position where it starts so that
 * later checks (argument kinds, window sizes) can report errors at the right place. {@link #canonical()} is a
 * position-free rendering used as the identity of a sub-expression, so equal sub-expressions in different
 * features are computed once.
 */
public sealed interface Expr permits Expr.Field, Expr.Literal, Expr.Negate, Expr.Binary, Expr.Call {

    int position();

    String canonical();

    /** {@code $name}: a column of the bars frame ({@code $vwap} has a fallback, see the compiler). */
    record Field(String name, int position) implements Expr {
        public String canonical() {
            return "$" + name;
        }
    }

    record Literal(double value, int position) implements Expr {
        public String canonical() {
            return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }

    record Negate(Expr operand, int position) implements Expr {
        public String canonical() {
            return "(-" + operand.canonical() + ")";
        }
    }

    /** Arithmetic, comparison or logical operator; {@code op} is the source token, e.g. {@code ">="}. */
    record Binary(String op, Expr left, Expr right, int position) implements Expr {
        public String canonical() {
            return "(" + left.canonical() + " " + op + " " + right.canonical() + ")";
        }
    }

    /** A call of a known operator; the parser has already checked the argument count and kinds. */
    record Call(Operator operator, List<Expr> args, int position) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public String canonical() {
            return operator.displayName() + "(" + args.stream().map(Expr::canonical).collect(Collectors.joining(", ")) + ")";
        }

        /** The integer window argument at index i (validated by the parser as a positive integer literal). */
        public int window(int i) {
            return (int) ((Literal) args.get(i)).value();
        }

        public double number(int i) {
            return ((Literal) args.get(i)).value();
        }
    }
}
