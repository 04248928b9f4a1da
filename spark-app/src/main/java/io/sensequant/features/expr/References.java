package io.sensequant.features.expr;

import java.util.Map;

/**
 * Expands {@code $name} references to earlier features into their expressions, so a feature file can say
 * {@code macd_hist: $macd - $macd_signal}. The compiler then sees one tree per feature, and shared
 * sub-expressions are still computed once (by canonical text).
 */
public final class References {
    private References() {
    }

    /** @param defined the features defined so far, by name; fields not in it are left as bar columns */
    public static Expr expand(Expr expr, Map<String, Expr> defined) {
        if (expr instanceof Expr.Field f) {
            Expr target = defined.get(f.name());
            return target == null ? f : target;
        } else if (expr instanceof Expr.Negate n) {
            return new Expr.Negate(expand(n.operand(), defined), n.position());
        } else if (expr instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), expand(b.left(), defined), expand(b.right(), defined), b.position());
        } else if (expr instanceof Expr.Call c) {
            return new Expr.Call(c.operator(), c.args().stream().map(a -> expand(a, defined)).toList(), c.position());
        }
        return expr;
    }

    /** Every {@code $field} the expression reads, in order of appearance. */
    public static java.util.Set<String> fields(Expr expr) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        collect(expr, names);
        return names;
    }

    private static void collect(Expr expr, java.util.Set<String> names) {
        if (expr instanceof Expr.Field f) {
            names.add(f.name());
        } else if (expr instanceof Expr.Negate n) {
            collect(n.operand(), names);
        } else if (expr instanceof Expr.Binary b) {
            collect(b.left(), names);
            collect(b.right(), names);
        } else if (expr instanceof Expr.Call c) {
            c.args().forEach(a -> collect(a, names));
        }
    }
}
