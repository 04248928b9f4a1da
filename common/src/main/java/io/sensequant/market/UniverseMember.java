package io.sensequant.market;

/** One tradable instrument: exchange symbol, the provider's stock code, and how it is classified. */
public record UniverseMember(String symbol, String stockCode, String name, String sector, String kind) {
}
