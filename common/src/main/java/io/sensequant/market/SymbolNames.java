package io.sensequant.market;

import io.sensequant.config.ConfigException;

import java.util.regex.Pattern;

/** Exchange symbols: letters, digits, '&' and '-', at most 20 characters. Checked before any path is built. */
public final class SymbolNames {
    private static final Pattern VALID = Pattern.compile("[A-Z0-9&-]{1,20}");

    private SymbolNames() {
    }

    public static boolean isValid(String symbol) {
        return symbol != null && VALID.matcher(symbol).matches();
    }

    public static String requireValid(String symbol, String where) {
        if (!isValid(symbol)) {
            throw new ConfigException(where + ": '" + symbol + "' is not a valid exchange symbol "
                    + "(upper-case letters, digits, '&' and '-', at most 20 characters)");
        }
        return symbol;
    }
}
