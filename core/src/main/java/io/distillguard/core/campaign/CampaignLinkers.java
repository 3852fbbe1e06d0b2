package io.distillguard.core.campaign;

/** Factory of the campaign linker; the implementation stays package-private. */
public final class CampaignLinkers {
  private CampaignLinkers() {}

  /** The default linker with the given settings. */
  public static CampaignLinker create(CampaignConfig config) {
    java.util.Objects.requireNonNull(config, "config");
    return new GraphCampaignLinker(config);
  }

  /**
   * The default linker configured from the detector configuration's {@code campaign} section (see
   * {@link CampaignConfig#from}): what {@code analyze}, the gateway and the engine use.
   */
  public static CampaignLinker createDefault(io.distillguard.core.detect.DetectorConfig config) {
    return create(CampaignConfig.from(config));
  }

  /** The default linker with {@link CampaignConfig#defaults()}. */
  public static CampaignLinker createDefault() {
    return create(CampaignConfig.defaults());
  }
}
