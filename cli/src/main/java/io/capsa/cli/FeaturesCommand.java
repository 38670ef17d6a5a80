package io.capsa.cli;

import io.capsa.oci.Features;
import io.capsa.oci.OciJson;
import io.capsa.runtime.features.RuntimeFeatures;

/**
 * {@code capsa features}: the runtime-spec's features.json for what Capsa supports on this
 * host, with Capsa's version and commit as annotations, laid out as {@code runc features}.
 */
final class FeaturesCommand implements Verb {

  @Override
  public String name() {
    return "features";
  }

  @Override
  public String summary() {
    return "show the enabled features";
  }

  @Override
  public Positionals positionals() {
    return Positionals.NONE;
  }

  @Override
  public int run(Call call) {
    Features features =
        RuntimeFeatures.describe().toBuilder().annotations(VersionInfo.annotations()).build();
    call.out().println(JsonLayout.indented(OciJson.write(features), "    "));
    return 0;
  }
}
