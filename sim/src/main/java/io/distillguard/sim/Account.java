package io.distillguard.sim;

/**
 * One simulated account's identity and metadata as the edge sees it. Mutable only while the
 * {@link Population} builds it; the simulator then treats it as read-only.
 */
final class Account {
  final int index;
  final Persona persona;
  String id;
  String campaign;
  String orgId;
  String ip;
  int asn;
  String userAgent;
  long createdAtMillis;
  String paymentFingerprint;
  String emailDomain;
  boolean verified;
  String tier;
  String[] apiKeys;
  /** Local time offset from UTC in hours; drives diurnal cycles. */
  double tzHours;
  /** The API style the account's client uses: one of the {@code Call} endpoints. */
  String endpoint;
  /** The campaign or organisation it belongs to, null if none. */
  Population.Group group;
  /** Position inside its group (shards the work of coordinated accounts). */
  int memberIndex;

  Account(int index, Persona persona) {
    this.index = index;
    this.persona = persona;
  }
}
