package io.sensequant.features.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; the only error it can raise is an unexpected character. */
final class Tokenizer {
    private static final List<String> TWO_CHAR = List.of(">=", "<=", "==", "!=");
    private static final String ONE_CHAR = "+-*/<>&|";

    private Tokenizer() {
    }

    static List<Token> tokenize(String text, ParseErrors errors) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int pos = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '$') {
                int end = identifierEnd(text, i + 1);
                if (end == i + 1) {
                    throw errors.at(pos, "expected a field name after '$'");
                }
                tokens.add(new Token(Token.Type.FIELD, text.substring(i + 1, end), pos));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int end = numberEnd(text, i);
                tokens.add(new Token(Token.Type.NUMBER, text.substring(i, end), pos));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = identifierEnd(text, i);
                tokens.add(new Token(Token.Type.NAME, text.substring(i, end), pos));
                i = end;
            } else if (c == '(') {
                tokens.add(new Token(Token.Type.LPAREN, "(", pos));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Token.Type.RPAREN, ")", pos));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Token.Type.COMMA, ",", pos));
                i++;
            } else if (i + 1 < text.length() && TWO_CHAR.contains(text.substring(i, i + 2))) {
                tokens.add(new Token(Token.Type.OPERATOR, text.substring(i, i + 2), pos));
                i += 2;
            } else if (ONE_CHAR.indexOf(c) >= 0) {
                tokens.add(new Token(Token.Type.OPERATOR, String.valueOf(c), pos));
                i++;
            } else {
                throw errors.at(pos, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Token.Type.END, "", text.length() + 1));
        return tokens;
    }

    private static int identifierEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** Digits, an optional fraction and an optional exponent (1e-3); the sign is unary minus, not part of it. */
    private static int numberEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }
}
