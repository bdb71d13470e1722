package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** launchd property lists (04 §4.2.1; acceptance 70, 75): golden text, and what a plist parser reads back. */
class PlistTest {
  private static final Path ADA = Path.of("/home/ada");
  private static final Path SRV = Path.of("/srv/iapeer");

  @Test
  void theDaemonsPlistIsTheGoldenOne() {
    Golden.check("daemon.plist", Plist.render(Specs.daemon(ADA)));
  }

  @Test
  void anInfraPeersPlistIsTheGoldenOne() {
    Golden.check("infra-timer.plist", Plist.render(Specs.infra(ADA)));
  }

  @Test
  void aPlistOfHostileValuesIsTheGoldenOne() {
    Golden.check("hostile.plist", Plist.render(Specs.hostile(SRV)));
  }

  @Test
  void everyPlistParsesWithItsKeysInOrderAndTheSentinelSecond() throws Exception {
    for (ServiceSpec spec : List.of(Specs.daemon(ADA), Specs.infra(ADA), Specs.hostile(SRV))) {
      Map<String, Object> dict = PlistReader.read(Plist.render(spec));

      assertThat(dict.keySet()).containsExactly("Label", "com.iapeer.managed", "ProgramArguments",
          "WorkingDirectory", "EnvironmentVariables", "RunAtLoad", "KeepAlive", "ThrottleInterval",
          "StandardOutPath", "StandardErrorPath");
      assertThat(dict.get("com.iapeer.managed")).isEqualTo(true);
      assertThat(dict.get("RunAtLoad")).isEqualTo(true);
      assertThat(dict.get("KeepAlive")).isEqualTo(true);
    }
  }

  @Test
  void hostileValuesReadBackExactlyButForTheControlsXmlCannotCarry() throws Exception {
    ServiceSpec spec = Specs.hostile(SRV);

    Map<String, Object> dict = PlistReader.read(Plist.render(spec));

    assertThat(dict.get("Label")).isEqualTo("com.iapeer.hostile");
    assertThat(dict.get("ProgramArguments")).isEqualTo(spec.argv().stream().map(PlistTest::xmlSafe).toList());
    assertThat(dict.get("WorkingDirectory")).isEqualTo(spec.workingDir().toString());
    Map<String, String> env = new TreeMap<>();
    spec.env().forEach((k, v) -> env.put(k, xmlSafe(v)));
    assertThat(dict.get("EnvironmentVariables")).isEqualTo(env);
    assertThat(dict.get("ThrottleInterval")).isEqualTo(30L);
    assertThat(dict.get("StandardOutPath")).isEqualTo(spec.stdout().toString());
    assertThat(dict.get("StandardErrorPath")).isEqualTo(spec.stderr().toString());
  }

  @Test
  void controlCharactersAreDroppedButTabLineFeedAndCarriageReturnSurvive() throws Exception {
    String value = "nul\u0000 bel\u0007 esc\u001b tab\t lf\n cr\r crlf\r\n ffff\uffff lone\ud800 pair🙂";

    Map<String, Object> dict = PlistReader.read(Plist.render(withEnv("V", value)));

    assertThat(PlistReader.dict(dict, "EnvironmentVariables").get("V"))
        .isEqualTo("nul bel esc tab\t lf\n cr\r crlf\r\n ffff lone pair🙂");
  }

  @Test
  void markupInAnEnvironmentNameIsEscapedToo() throws Exception {
    Map<String, Object> dict = PlistReader.read(Plist.render(withEnv("A&B<C>", "v")));

    assertThat(PlistReader.dict(dict, "EnvironmentVariables").keySet()).containsExactly("A&B<C>");
  }

  @Test
  void ownershipIsTheSentinelAsAKeyElementNotTheWordAnywhere() {
    String ours = Plist.render(Specs.infra(ADA));
    // A peer literally named "managed": its label is the sentinel's text, but as a string.
    String foreignManaged = ours.replace("\t<key>com.iapeer.managed</key>\n\t<true/>\n", "")
        .replace("com.iapeer.timer", "com.iapeer.managed");

    assertThat(Plist.isOwned(ours)).isTrue();
    assertThat(foreignManaged).contains("<string>com.iapeer.managed</string>");
    assertThat(Plist.isOwned(foreignManaged)).isFalse();
    assertThat(Plist.isOwned("")).isFalse();
  }

  private static ServiceSpec withEnv(String key, String value) {
    ServiceSpec s = Specs.infra(ADA);
    return new ServiceSpec(s.label(), s.description(), s.argv(), s.workingDir(), new TreeMap<>(Map.of(key, value)),
        s.stdout(), s.stderr(), s.throttle(), s.daemon());
  }

  /** What XML 1.0 can carry: the C0 controls but tab, LF and CR are dropped. */
  private static String xmlSafe(String s) {
    return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
  }
}
