package io.sensequant.features.expr;

import io.sensequant.config.ConfigException;

/**
 * Builds the one-line user error for a feature: which feature, which file, which 1-based position, and what
 * was expected there, so a typo in a feature file can be fixed without reading a stack trace.
 */
record ParseErrors(String feature, String source) {
    ConfigException at(int position, String message) {
        return new ConfigException("feature '" + feature + "' in " + source + " at position " + position + ": " + message);
    }
}
