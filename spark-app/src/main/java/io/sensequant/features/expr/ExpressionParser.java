package io.sensequant.features.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for Qlib-style feature expressions such as {@code Mean($close/Ref($close,1)-1, 5)}.
 *
 * <p>Precedence, lowest first: {@code |}, {@code &}, comparisons ({@code > >= < <= == !=}, non-associative),
 * {@code + -}, {@code * /}, unary minus. Binary operators are left-associative. Note that this deliberately
 * differs from Qlib, which inherits Python's rule that {@code &} and {@code |} bind tighter than comparisons
 * (so {@code $a > $b & $c > $d} means {@code $a > ($b & $c) > $d} there); here it means what it reads as.
 *
 * <p>Every error is a {@link io.sensequant.config.ConfigException} naming the feature, the source file and the
 * 1-based character position.
 */
public final class ExpressionParser {
    private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=", "==", "!=");

    private final List<Token> tokens;
    private final ParseErrors errors;
    private int next;

    private ExpressionParser(String feature, String source, String text) {
        this.errors = new ParseErrors(feature, source);
        this.tokens = Tokenizer.tokenize(text, errors);
    }

    /**
     * @param feature the feature name (for error messages)
     * @param source  where the expression came from, e.g. a file name (for error messages)
     * @param text    the expression
     */
    public static Expr parse(String feature, String source, String text) {
        ExpressionParser parser = new ExpressionParser(feature, source, text);
        Expr expr = parser.or();
        Token end = parser.peek();
        if (end.type() != Token.Type.END) {
            throw parser.errors.at(end.position(), "expected an operator or end of expression, found " + end.describe());
        }
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (peekOperator("|")) {
            Token op = advance();
            left = new Expr.Binary(op.text(), left, and(), op.position());
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (peekOperator("&")) {
            Token op = advance();
            left = new Expr.Binary(op.text(), left, comparison(), op.position());
        }
        return left;
    }

    /** Non-associative: {@code a < b < c} is rejected rather than silently meaning {@code (a < b) < c}. */
    private Expr comparison() {
        Expr left = additive();
        if (peek().type() == Token.Type.OPERATOR && COMPARISONS.contains(peek().text())) {
            Token op = advance();
            left = new Expr.Binary(op.text(), left, additive(), op.position());
            if (peek().type() == Token.Type.OPERATOR && COMPARISONS.contains(peek().text())) {
                throw errors.at(peek().position(), "comparisons cannot be chained; use parentheses and '&'");
            }
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peekOperator("+") || peekOperator("-")) {
            Token op = advance();
            left = arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peekOperator("*") || peekOperator("/")) {
            Token op = advance();
            left = arithmetic(op, left, unary());
        }
        return left;
    }

    /**
     * Folds arithmetic on two literals, so that a literal-only argument such as Wilder's {@code 1/14} or a
     * window written as {@code 2*10} is still a literal where the signature requires one.
     */
    private Expr arithmetic(Token op, Expr left, Expr right) {
        if (left instanceof Expr.Literal a && right instanceof Expr.Literal b) {
            double value = switch (op.text()) {
                case "+" -> a.value() + b.value();
                case "-" -> a.value() - b.value();
                case "*" -> a.value() * b.value();
                default -> a.value() / b.value();
            };
            if (Double.isFinite(value)) {
                return new Expr.Literal(value, a.position());
            }
        }
        return new Expr.Binary(op.text(), left, right, op.position());
    }

    private Expr unary() {
        if (peekOperator("-")) {
            Token minus = advance();
            Expr operand = unary();
            // Fold "-5" into a literal so that it can serve where a literal is required (e.g. If(..., -1, 1)).
            if (operand instanceof Expr.Literal lit) {
                return new Expr.Literal(-lit.value(), minus.position());
            }
            return new Expr.Negate(operand, minus.position());
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case FIELD -> {
                advance();
                return new Expr.Field(t.text(), t.position());
            }
            case NUMBER -> {
                advance();
                try {
                    return new Expr.Literal(Double.parseDouble(t.text()), t.position());
                } catch (NumberFormatException e) {
                    throw errors.at(t.position(), "malformed number '" + t.text() + "'");
                }
            }
            case NAME -> {
                return call();
            }
            case LPAREN -> {
                advance();
                Expr inner = or();
                expect(Token.Type.RPAREN, "expected ')' to close the '(' at position " + t.position());
                return inner;
            }
            default -> throw errors.at(t.position(), "expected a field, number, function call or '(', found " + t.describe());
        }
    }

    private Expr call() {
        Token name = advance();
        Operator op = Operator.byName(name.text()).orElseThrow(
                () -> errors.at(name.position(), "unknown function '" + name.text() + "'"));
        expect(Token.Type.LPAREN, "expected '(' after function name " + op.displayName());
        List<Expr> args = new ArrayList<>();
        if (peek().type() != Token.Type.RPAREN) {
            args.add(or());
            while (peek().type() == Token.Type.COMMA) {
                advance();
                args.add(or());
            }
        }
        Token close = peek();
        expect(Token.Type.RPAREN, "expected ')' after arguments of " + op.displayName());
        checkSignature(op, args, name, close);
        return new Expr.Call(op, args, name.position());
    }

    private void checkSignature(Operator op, List<Expr> args, Token name, Token close) {
        List<Operator.Arg> kinds = op.args();
        if (args.size() != kinds.size()) {
            throw errors.at(name.position(), op.displayName() + " expects " + kinds.size() + " argument"
                    + (kinds.size() == 1 ? "" : "s") + " " + signature(op) + ", got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            switch (kinds.get(i)) {
                case EXPR -> { }
                case WINDOW -> {
                    boolean ok = arg instanceof Expr.Literal lit && lit.value() == Math.rint(lit.value())
                            && lit.value() >= Math.max(1, op.minWindow()) && lit.value() <= Integer.MAX_VALUE;
                    if (!ok) {
                        throw errors.at(arg.position(), "expected the window of " + op.displayName()
                                + " (argument " + (i + 1) + ") to be an integer literal >= " + Math.max(1, op.minWindow())
                                + ", found " + arg.canonical());
                    }
                }
                case SPAN -> {
                    boolean ok = arg instanceof Expr.Literal lit && ((lit.value() > 0 && lit.value() < 1)
                            || (lit.value() == Math.rint(lit.value()) && lit.value() >= 1 && lit.value() <= Integer.MAX_VALUE));
                    if (!ok) {
                        throw errors.at(arg.position(), "expected the span of " + op.displayName() + " (argument " + (i + 1)
                                + ") to be an integer literal >= 1 or a smoothing factor in (0, 1), found " + arg.canonical());
                    }
                }
                case FRACTION -> {
                    boolean ok = arg instanceof Expr.Literal lit && lit.value() >= 0 && lit.value() <= 1;
                    if (!ok) {
                        throw errors.at(arg.position(), "expected argument " + (i + 1) + " of " + op.displayName()
                                + " to be a number literal in [0, 1], found " + arg.canonical());
                    }
                }
            }
        }
    }

    private static String signature(Operator op) {
        List<String> parts = new ArrayList<>();
        for (Operator.Arg a : op.args()) {
            parts.add(switch (a) {
                case EXPR -> "expr";
                case WINDOW -> "window";
                case FRACTION -> "q";
                case SPAN -> "span";
            });
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private void expect(Token.Type type, String message) {
        Token t = peek();
        if (t.type() != type) {
            throw errors.at(t.position(), message + ", found " + t.describe());
        }
        advance();
    }

    private boolean peekOperator(String text) {
        return peek().type() == Token.Type.OPERATOR && peek().text().equals(text);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        return tokens.get(next++);
    }
}
