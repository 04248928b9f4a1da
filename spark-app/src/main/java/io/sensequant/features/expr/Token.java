package io.sensequant.features.expr;

/**
 * One lexical token. {@code position} is the 1-based character offset of its first character, the unit in
 * which every parse error is reported.
 */
record Token(Type type, String text, int position) {
    enum Type { FIELD, NUMBER, NAME, OPERATOR, LPAREN, RPAREN, COMMA, END }

    String describe() {
        return switch (type) {
            case END -> "end of expression";
            case FIELD -> "'$" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
