package io.iapeer.core.peer;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;
import net.gcardone.junidecode.Junidecode;

/**
 * {@code normalize(s) = slug(transliterate(alignSymbols(s)))} (01 §3): the one function that turns
 * a folder basename or a typed name into a personality. Pure Java tables, so every OS gives the
 * same answer (01 §3.3: no ICU, no iconv).
 */
public final class NameNormalizer {
  /**
   * Russian-style Cyrillic and modern Greek, where junidecode's scholarly table differs from the
   * behaviour to reproduce (01 §3.3): e.g. {@code Наталья} must give {@code natalya}, not
   * {@code natal-ia}.
   */
  private static final Map<String, String> OVERRIDES =
      Map.ofEntries(
          entry("ё", "yo"), entry("Ё", "Yo"),
          entry("й", "y"), entry("Й", "Y"),
          entry("х", "h"), entry("Х", "H"),
          entry("ц", "c"), entry("Ц", "C"),
          entry("ю", "yu"), entry("Ю", "Yu"),
          entry("я", "ya"), entry("Я", "Ya"),
          entry("ь", ""), entry("Ь", ""),
          entry("ъ", ""), entry("Ъ", ""),
          entry("β", "v"), entry("Β", "V"),
          entry("η", "i"), entry("Η", "I"),
          entry("ή", "i"), entry("Ή", "I"),
          entry("υ", "y"), entry("Υ", "Y"),
          entry("ύ", "y"), entry("Ύ", "Y"),
          entry("ϋ", "y"), entry("Ϋ", "Y"),
          entry("ΰ", "y"),
          entry("φ", "f"), entry("Φ", "F"),
          entry("χ", "h"), entry("Χ", "H"),
          entry("ξ", "x"), entry("Ξ", "X"),
          // Not Greek, but the current engine maps it so (01 §3.3).
          entry("Ý", "U"));

  /** junidecode's marker for a code point it cannot map; Han ones come as {@code "[?] "}. */
  private static final String UNKNOWN = "[?]";

  private NameNormalizer() {}

  /** The normalized name, returned as is even when it is not a valid name (01 §3.1 step 4). */
  public static String normalize(String s) {
    // §3.1 step 1: the "." forces a separator, so "№2" gives "no-2", not "no2".
    String aligned = s.replace("№", "No.");
    StringBuilder ascii = new StringBuilder();
    aligned.codePoints().forEach(cp -> ascii.append(transliterate(cp)));
    return slug(ascii.toString());
  }

  /** One code point to ASCII; no mapping gives "" so it cannot create a separator (§3.1 step 2). */
  private static String transliterate(int cp) {
    String c = Character.toString(cp);
    String override = OVERRIDES.get(c);
    if (override != null) {
      return override;
    }
    // junidecode indexes its tables by the low 16 bits only, so an emoji would come out as an
    // unrelated BMP character (U+1D538 gives "pyik"): treat every supplementary code point as
    // unmapped.
    if (Character.isSupplementaryCodePoint(cp)) {
      return "";
    }
    String t = Junidecode.unidecode(c);
    return t.contains(UNKNOWN) ? "" : t;
  }

  /** §3.1 step 3 a–e, in that order. */
  private static String slug(String s) {
    String slug = stripHyphens(s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
    // The cut may land just after a hyphen: "a"×31 + "-bbb" gives "a"×31.
    return slug.length() > Names.MAX_NAME_LENGTH
        ? stripHyphens(slug.substring(0, Names.MAX_NAME_LENGTH))
        : slug;
  }

  /** Runs are already collapsed, so each edge holds at most one hyphen. */
  private static String stripHyphens(String s) {
    int from = s.startsWith("-") ? 1 : 0;
    int to = s.endsWith("-") ? s.length() - 1 : s.length();
    return from < to ? s.substring(from, to) : "";
  }
}
