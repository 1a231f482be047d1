/// A question the estate cannot answer as asked, such as an identity that matches no node.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No node has this id or display name.
  case unknownNode(String, suggestions: [String])
  /// Several nodes share this display name; the candidates are their ids.
  case ambiguousName(String, candidates: [String])
  /// A group of identities such as `kind:human` that is written wrongly.
  case invalidGroup(String, expected: String)
  /// A group of identities that no identity of the estate belongs to.
  case emptyGroup(String)

  public var description: String {
    switch self {
    case .unknownNode(let text, let suggestions):
      let hint =
        suggestions.isEmpty
        ? "give a node id or display name from the estate (`blast import --nodes` lists them)"
        : "did you mean \(suggestions.map { "\"\($0)\"" }.joined(separator: ", "))?"
      return "\"\(text)\" matches no node; \(hint)"
    case .ambiguousName(let text, let candidates):
      let listed = candidates.prefix(10).map { "\"\($0)\"" }.joined(separator: ", ")
      let more = candidates.count > 10 ? " and \(candidates.count - 10) more" : ""
      return "\"\(text)\" names \(candidates.count) nodes; give one id: \(listed)\(more)"
    case .invalidGroup(let text, let expected):
      return "\"\(text)\" is not a valid group of identities; give \(expected)"
    case .emptyGroup(let text):
      return "the group \"\(text)\" has no identity that an input defines; give another group "
        + "or one node id"
    }
  }
}
