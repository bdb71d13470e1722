package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/** The one printer of 01 §0.2, golden-tested as the spec asks; number literals per Q7. */
class JsonTest {

  @Test
  void thePrettyFormIsTheGolden() {
    ObjectNode o = Json.object();
    o.put("zeta", "last letter, first key");
    o.put("personality", "alice");
    o.putArray("runtimes").add("claude").add("codex");
    o.putArray("empty_list");
    o.putObject("empty_map");
    ObjectNode ifs = o.putObject("interfaces");
    ifs.putObject("telegram").put("bot_username", "alice_bot").put("user_id", 100000001);
    o.putArray("mixed").add(1).add(true).addNull().addObject().put("k", "v");
    o.put("quote", "say \"hi\"\n\tü");

    assertThat(Json.pretty(o))
        .isEqualTo(
            """
            {
              "zeta": "last letter, first key",
              "personality": "alice",
              "runtimes": [
                "claude",
                "codex"
              ],
              "empty_list": [],
              "empty_map": {},
              "interfaces": {
                "telegram": {
                  "bot_username": "alice_bot",
                  "user_id": 100000001
                }
              },
              "mixed": [
                1,
                true,
                null,
                {
                  "k": "v"
                }
              ],
              "quote": "say \\"hi\\"\\n\\tü"
            }
            """);
  }

  @Test
  void anEmptyRootObjectIsOneLine() {
    assertThat(Json.pretty(Json.object())).isEqualTo("{}\n");
  }

  @Test
  void theOutputEndsWithExactlyOneNewlineAndUsesNoCarriageReturns() {
    String s = Json.pretty(Json.parse("{\"a\":{\"b\":[1,2]}}"));

    assertThat(s).endsWith("}\n").doesNotEndWith("\n\n").doesNotContain("\r");
  }

  @Test
  void parsedKeyOrderIsKept() {
    String text = "{\"c\":1,\"a\":2,\"b\":{\"z\":1,\"y\":2}}";

    assertThat(Json.compact(Json.parse(text))).isEqualTo(text);
  }

  @Test
  void aPrettyFileReadsBackToTheSameBytes() {
    String pretty = Json.pretty(Json.parse("{\"b\":[1,{\"c\":[]}],\"a\":{},\"n\":-12.50}"));

    assertThat(Json.pretty(Json.parse(pretty))).isEqualTo(pretty);
  }

  @Test
  void aDecimalKeepsItsLiteral() {
    assertThat(Json.pretty(Json.parse("{\"a\":1.0,\"b\":1.50,\"c\":0.0,\"d\":-3.000}")))
        .isEqualTo(
            """
            {
              "a": 1.0,
              "b": 1.50,
              "c": 0.0,
              "d": -3.000
            }
            """);
  }

  @Test
  void integersBeyondALongStayExact() {
    BigInteger twoTo64 = BigInteger.TWO.pow(64);
    String text = "{\"big\":" + twoTo64 + ",\"neg\":-" + twoTo64 + ",\"edge\":9007199254740993}";

    assertThat(Json.compact(Json.parse(text))).isEqualTo(text);
    assertThat(Json.parse(text).get("big").bigIntegerValue()).isEqualTo(twoTo64);
  }

  @Test
  void aDecimalWithManyDigitsStaysExact() {
    String text = "{\"x\":123456789012345678901234567890.123456789012345678901234567890}";

    assertThat(Json.compact(Json.parse(text))).isEqualTo(text);
  }

  @Test
  void parseAcceptsAnyValidJson() {
    assertThat(Json.parse("[1]").isArray()).isTrue();
    assertThat(Json.parse("\"s\"").isString()).isTrue();
    assertThat(Json.parse("null").isNull()).isTrue();
    assertThat(Json.parse(" {\"a\":1}\n\n").isObject()).isTrue();
  }

  @Test
  void emptyOrBlankTextIsAParseErrorNotAMissingValue() {
    // An empty file is not JSON; reading it as "no value" made an empty profile "not an object".
    for (String bad : new String[] {"", " ", "\n\t\n"}) {
      assertThatThrownBy(() -> Json.parse(bad)).as("[%s]", bad).isInstanceOf(JacksonException.class);
    }
  }

  @Test
  void textThatIsNotJsonIsAParseError() {
    for (String bad : new String[] {"{", "{} x", "{}{}", "{'a':1}", "{\"a\":1,}"}) {
      assertThatThrownBy(() -> Json.parse(bad)).as("[%s]", bad).isInstanceOf(JacksonException.class);
    }
  }
}
