package io.iapeer.core.profile;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a core writer asserts about a profile (01 §9.4). Absent optionals keep the stored value; an
 * unrecognized intelligence counts as not asserted.
 */
public record ProfileWrite(
    String personality,
    String runtime,
    List<String> runtimes,
    Optional<String> description,
    Optional<String> intelligence,
    Optional<ObjectNode> interfaces,
    Optional<String> initialPrompt,
    Optional<String> approvalMode) {

  public ProfileWrite {
    runtimes = List.copyOf(runtimes);
  }

  public static ProfileWrite of(String personality, String runtime, List<String> runtimes) {
    return new ProfileWrite(
        personality,
        runtime,
        runtimes,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public ProfileWrite withDescription(String d) {
    return new ProfileWrite(
        personality, runtime, runtimes, Optional.ofNullable(d), intelligence, interfaces,
        initialPrompt, approvalMode);
  }

  public ProfileWrite withIntelligence(String i) {
    return new ProfileWrite(
        personality, runtime, runtimes, description, Optional.ofNullable(i), interfaces,
        initialPrompt, approvalMode);
  }

  public ProfileWrite withInterfaces(ObjectNode i) {
    return new ProfileWrite(
        personality, runtime, runtimes, description, intelligence, Optional.ofNullable(i),
        initialPrompt, approvalMode);
  }

  public ProfileWrite withInitialPrompt(String p) {
    return new ProfileWrite(
        personality, runtime, runtimes, description, intelligence, interfaces,
        Optional.ofNullable(p), approvalMode);
  }

  public ProfileWrite withApprovalMode(String m) {
    return new ProfileWrite(
        personality, runtime, runtimes, description, intelligence, interfaces, initialPrompt,
        Optional.ofNullable(m));
  }
}
