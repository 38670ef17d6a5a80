package io.capsa.cli;

import io.capsa.oci.Features;
import io.capsa.oci.OciJson;
import io.capsa.runtime.features.RuntimeFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code capsa features}: the runtime-spec's features.json for what Capsa supports on this
 * host, with Capsa's version and commit as annotations, laid out as {@code runc features}.
 */
@Command(name = "features", description = "show the enabled features")
final class FeaturesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    Features features =
        RuntimeFeatures.describe().toBuilder().annotations(VersionInfo.annotations()).build();
    spec.commandLine().getOut().println(JsonLayout.indented(OciJson.write(features), "    "));
  }
}
