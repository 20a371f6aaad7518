package io.wirelab.labs.yaml;

import java.util.Collection;
import java.util.Locale;

/** Suggests the closest known word for a misspelt one (Levenshtein distance, case-insensitive). */
public final class DidYouMean {
    private DidYouMean() {}

    /** The closest candidate within a distance that still looks like a typo, else null. Ties keep the first. */
    public static String suggest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, w.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return bestDistance <= limit ? best : null;
    }

    /** A hint: "did you mean 'x'?" when one is close, else "expected one of: a, b, c". */
    public static String hint(String word, Collection<String> candidates) {
        String s = suggest(word, candidates);
        if (s != null) return "did you mean '" + s + "'?";
        if (candidates.isEmpty()) return null;
        return "expected one of: " + String.join(", ", candidates);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
