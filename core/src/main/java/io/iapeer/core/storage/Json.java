package io.iapeer.core.storage;

import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form every file of ours uses (01 §0.2): two-space indent, {@code "key": value}, one
 * member or element per line, insertion order kept, a trailing newline. Numbers keep their literal
 * ({@code 1.0} stays {@code 1.0}, big integers stay exact) so foreign sections survive untouched.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private static final ObjectWriter PRETTY;

  static {
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
    pp.indentObjectsWith(lf);
    pp.indentArraysWith(lf);
    PRETTY = MAPPER.writer().with(pp);
  }

  private Json() {}

  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses any JSON text; throws {@link JacksonException} (unchecked) with the parser's message.
   * Empty or blank text is an error too: {@code readTree} would return a MissingNode for it, so an
   * empty file would read as "not an object" instead of "invalid JSON".
   */
  public static JsonNode parse(String text) {
    return MAPPER.readValue(text, JsonNode.class);
  }

  /** The pretty form plus a trailing newline. */
  public static String pretty(JsonNode node) {
    return PRETTY.writeValueAsString(node) + "\n";
  }

  public static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** A short, single-line parser message for users (no source excerpt). */
  public static String shortMessage(JacksonException e) {
    String m = e.getOriginalMessage();
    var loc = e.getLocation();
    String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return (m == null ? "parse error" : m.replace('\n', ' ')) + where;
  }
}
