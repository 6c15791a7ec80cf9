package org.vsestudio.packages;

/**
 * A version relation of a package requirement. The VSE language writes each in two ways:
 * the symbol ({@code >=}) and the keyword of the original VSE papers ({@code gte}).
 */
public enum Relation {
    EQ("=", "eq"),
    GT(">", "gt"),
    LT("<", "lt"),
    GE(">=", "gte"),
    LE("<=", "lte");

    private final String symbol;
    private final String keyword;

    Relation(String symbol, String keyword) {
        this.symbol = symbol;
        this.keyword = keyword;
    }

    public String symbol() {
        return symbol;
    }

    public String keyword() {
        return keyword;
    }

    /** @return the relation written as {@code token} (symbol or keyword), or {@code null} */
    public static Relation of(String token) {
        for (Relation r : values()) {
            if (r.symbol.equals(token) || r.keyword.equals(token)) {
                return r;
            }
        }
        return null;
    }

    /** @return whether {@code candidate} satisfies "{@code candidate this bound}" */
    public boolean holds(DebianVersion candidate, DebianVersion bound) {
        int c = candidate.compareTo(bound);
        return switch (this) {
            case EQ -> c == 0;
            case GT -> c > 0;
            case LT -> c < 0;
            case GE -> c >= 0;
            case LE -> c <= 0;
        };
    }
}
