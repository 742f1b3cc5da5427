package io.jenkins.plugins.slipway.engine.coverage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Covered and missed items (lines or branches). {@link #percent()} is null when there is nothing to cover. */
@JsonIgnoreProperties(value = "percent", allowGetters = true)
public record Counter(long covered, long missed) {
    public static final Counter EMPTY = new Counter(0, 0);

    public Counter {
        if (covered < 0 || missed < 0) {
            throw new IllegalArgumentException("covered and missed must not be negative: " + covered + "/" + missed);
        }
    }

    public long total() {
        return covered + missed;
    }

    /** Percentage covered, rounded to two decimals, or null if there is nothing to cover. */
    @JsonProperty("percent")
    public Double percent() {
        long total = total();
        return total == 0 ? null : Math.round(covered * 10000.0 / total) / 100.0;
    }

    public Counter plus(Counter other) {
        return new Counter(covered + other.covered, missed + other.missed);
    }
}
