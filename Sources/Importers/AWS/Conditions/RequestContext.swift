/// The facts known, before any request is made, about the requests of one user or role: the
/// values of the condition keys and policy variables that describe the principal itself.
///
/// A key is either known with its values, known to be absent (an empty list), or unknown
/// (nil), and only the keys listed here are ever known. Keys that describe the request or the
/// resource, such as `aws:SourceIp`, `aws:RequestedRegion` or `aws:ResourceTag/...`, stay
/// unknown, so statements that test them stay conditional.
struct RequestContext: Sendable {
  /// Known keys, lowercased, with their values; an empty list for a key known to be absent.
  private var known: [String: [String]] = [:]
  /// Lowercased prefixes such as `aws:principaltag/` under which every key is known, absent
  /// unless `known` lists it.
  private var completePrefixes: [String] = []

  /// A context in which nothing is known.
  static let unknown = RequestContext()

  private init() {}

  /// Builds the context of an IAM user or role from its ARN, name, account and tags.
  ///
  /// - Parameters:
  ///   - isUser: True for an IAM user, false for a role. A role's sessions carry no
  ///     `aws:username`, and their `aws:PrincipalType` is `AssumedRole`.
  ///   - multiFactorAuthentication: The stated assumption about `aws:MultiFactorAuthPresent`:
  ///     true for requests with MFA, false for requests with long-term access keys, which
  ///     carry no such key, or nil to leave it unknown.
  init(
    principalARN: String, name: String, account: String, isUser: Bool, tags: [String: String],
    multiFactorAuthentication: Bool?
  ) {
    known["aws:principalarn"] = [principalARN]
    known["aws:principalaccount"] = [account]
    known["aws:principaltype"] = [isUser ? "User" : "AssumedRole"]
    known["aws:principalisawsservice"] = ["false"]
    known["aws:username"] = isUser ? [name] : []
    for (key, value) in tags {
      known["aws:principaltag/" + key.lowercased()] = [value]
    }
    completePrefixes.append("aws:principaltag/")
    // Requests signed with long-term access keys carry no aws:MultiFactorAuthPresent, so the
    // stated absence of MFA is the key's absence, not the value false.
    if let multiFactorAuthentication {
      known["aws:multifactorauthpresent"] = multiFactorAuthentication ? ["true"] : []
    }
  }

  /// Returns a context in which only `iam:PassedToService` is known: the request passes a role to
  /// the service principal `service`, such as `lambda.amazonaws.com`.
  static func passingRole(to service: String) -> RequestContext {
    var context = RequestContext()
    context.known["iam:passedtoservice"] = [service]
    return context
  }

  /// Returns a context for `sts:AssumeRoleWithWebIdentity` with a token of an OIDC issuer,
  /// in which only the issuer's `sub` and `aud` keys are known.
  ///
  /// - Parameters:
  ///   - issuer: The issuer's host and path, the prefix of its condition keys, such as
  ///     `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`.
  ///   - subject: The token's `sub` claim.
  ///   - audience: The token's `aud` claim.
  static func webIdentity(issuer: String, subject: String, audience: String) -> RequestContext {
    var context = RequestContext()
    context.known[issuer.lowercased() + ":sub"] = [subject]
    context.known[issuer.lowercased() + ":aud"] = [audience]
    return context
  }

  /// The lowercased prefix of the condition keys on a resource's tags.
  static let resourceTagPrefix = "aws:resourcetag/"

  /// Returns a context in which only the resource's tags that an input lists are known, as
  /// `aws:ResourceTag/<key>`. A tag the input does not list stays unknown rather than
  /// absent, because an input may list only some of a resource's tags.
  static func resource(tags: [String: String]) -> RequestContext {
    var context = RequestContext()
    for (key, value) in tags {
      context.known[resourceTagPrefix + key.lowercased()] = [value]
    }
    return context
  }

  /// Returns the values of `key`: nil when unknown, empty when known to be absent.
  ///
  /// Condition keys are compared without regard to case.
  func value(of key: String) -> [String]? {
    let lowered = key.lowercased()
    if let values = known[lowered] { return values }
    if completePrefixes.contains(where: lowered.hasPrefix) { return [] }
    return nil
  }
}
