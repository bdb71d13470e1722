package io.iapeer.host.prompt;

/** Layer 1 (03 §8.2): the YAML front matter, byte-exact, keys verbatim and in this order. */
final class IdentityBlock {
  private IdentityBlock() {}

  static String render(String personality, String description, String cwd, HostFacts facts) {
    return "---\n"
        + line("personality", personality)
        + line("description", description)
        + line("peer-cwd", cwd)
        + line("platform", facts.platform())
        + line("os_version", facts.osVersion())
        + line("user", facts.user())
        + line("hostname", facts.hostname())
        + line("today", facts.today().toString())
        + "---\n\n";
  }

  private static String line(String key, String value) {
    return key + ": " + YamlString.quote(value) + "\n";
  }
}
