package io.sensequant.features.expr;

import io.sensequant.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpressionParserTest {
    static final String SOURCE = "conf/features/alpha158.yaml";

    static String canonical(String text) {
        return ExpressionParser.parse("f", SOURCE, text).canonical();
    }

    static String error(String feature, String text) {
        return assertThrows(ConfigException.class, () -> ExpressionParser.parse(feature, SOURCE, text)).getMessage();
    }

    @Test
    void arithmeticPrecedenceAndAssociativity() {
        assertEquals("($close + ($open * 2))", canonical("$close + $open * 2"));
        assertEquals("(($close - $open) - 1)", canonical("$close - $open - 1"));
        assertEquals("(($close / $open) / 2)", canonical("$close/$open/2"));
        assertEquals("(($close + $open) * 2)", canonical("($close + $open) * 2"));
        assertEquals("(($high - $low) / ($open + 1.0E-12))", canonical("($high-$low)/($open+1e-12)"));
    }

    @Test
    void unaryMinusBindsTighterThanMultiplicationAndFoldsLiterals() {
        assertEquals("((-$close) * 2)", canonical("-$close * 2"));
        assertEquals("($close - -1)", canonical("$close - -1"));
        assertInstanceOf(Expr.Literal.class, ExpressionParser.parse("f", SOURCE, "-5"));
    }

    @Test
    void logicalBelowComparisonBelowArithmetic() {
        assertEquals("((($close + 1) > $open) & ($high < $low))", canonical("$close + 1 > $open & $high < $low"));
        assertEquals("((($close > 1) & ($open > 1)) | ($high >= 2))", canonical("$close > 1 & $open > 1 | $high >= 2"));
        assertEquals("(($close == 1) | ($close != 2))", canonical("$close == 1 | $close != 2"));
        assertEquals("($a <= $b)", canonical("$a <= $b"));
    }

    @Test
    void functionCallsWithNestedArguments() {
        Expr e = ExpressionParser.parse("f", SOURCE, "Mean($close/Ref($close, 1) - 1, 5)");
        Expr.Call call = assertInstanceOf(Expr.Call.class, e);
        assertEquals(Operator.MEAN, call.operator());
        assertEquals(5, call.window(1));
        assertEquals("Mean((($close / Ref($close, 1)) - 1), 5)", e.canonical());
        assertEquals("Quantile($close, 10, 0.8)", canonical("quantile($close,10,0.8)"));
        assertEquals("If(($close > $open), Greater($high, 1), Less(Abs($low), Log($volume)))",
                canonical("If($close>$open, Greater($high,1), Less(Abs($low), Log($volume)))"));
        assertEquals("Corr($close, Log(($volume + 1)), 10)", canonical("Corr($close, Log($volume+1), 10)"));
    }

    @Test
    void errorsNameFeatureSourcePositionAndExpectation() {
        assertEquals("feature 'kmid' in conf/features/alpha158.yaml at position 16: expected ')' after arguments of Mean, found '$open'",
                error("kmid", "Mean($close, 5 $open)"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 1: unknown function 'Foo'", error("x", "Foo($close)"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 8: expected a field, number, function call or '(', found end of expression",
                error("x", "$close+"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 10: expected ')' to close the '(' at position 1, found end of expression",
                error("x", "($close+1"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 8: unexpected character '#'", error("x", "$close #"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 8: expected an operator or end of expression, found '$open'",
                error("x", "$close $open"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 9: comparisons cannot be chained; use parentheses and '&'",
                error("x", "$a < $b < $c"));
        assertEquals("feature 'x' in conf/features/alpha158.yaml at position 1: expected a field name after '$'", error("x", "$ + 1"));
    }

    @Test
    void argumentCountAndKindErrors() {
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 3: Mean expects 2 arguments (expr, window), got 1",
                error("m", "1+Mean($close)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 14: expected the window of Mean (argument 2) to be an integer literal >= 1, found 2.5",
                error("m", "Mean($close, 2.5)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 14: expected the window of Mean (argument 2) to be an integer literal >= 1, found -3",
                error("m", "Mean($close, -3)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 14: expected the window of Mean (argument 2) to be an integer literal >= 1, found $open",
                error("m", "Mean($close, $open)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 13: expected the window of Std (argument 2) to be an integer literal >= 2, found 1",
                error("m", "Std($close, 1)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 21: expected argument 3 of Quantile to be a number literal in [0, 1], found 1.5",
                error("m", "Quantile($close, 5, 1.5)"));
        assertEquals("feature 'm' in conf/features/alpha158.yaml at position 1: Abs expects 1 argument (expr), got 2",
                error("m", "Abs($close, 2)"));
    }
}
