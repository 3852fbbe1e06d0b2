package io.distillguard.sim;

/**
 * One simulated account's identity and metadata as the edge sees it. Mutable only while the
 * {@link Population} builds it; the simulator then treats it as read-only, except that under
 * {@link Evasion#ACCOUNT_CHURN} it {@linkplain #advance moves} to its successors' identities.
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

  /** The account that takes over this one's work at {@link #successorFrom}; null if none. */
  Account successor;
  long successorFrom;

  Account(int index, Persona persona) {
    this.index = index;
    this.persona = persona;
  }

  /**
   * Takes on the identity of each successor whose time has come by {@code t}: id, keys, signup,
   * card, exits and client. Persona, group, time zone and API style stay: the same worker goes on
   * with the same work.
   */
  void advance(long t) {
    while (successor != null && t >= successorFrom) {
      Account n = successor;
      id = n.id;
      apiKeys = n.apiKeys;
      createdAtMillis = n.createdAtMillis;
      paymentFingerprint = n.paymentFingerprint;
      emailDomain = n.emailDomain;
      verified = n.verified;
      tier = n.tier;
      ip = n.ip;
      asn = n.asn;
      userAgent = n.userAgent;
      successor = n.successor;
      successorFrom = n.successorFrom;
    }
  }
}
