package io.iapeer.host.runtime;

/** The outcome of composing a launch (03 §4.2, §5 step 0): a plan to run, or why not. */
public sealed interface Composition permits LaunchPlan, LaunchRefusal {}
