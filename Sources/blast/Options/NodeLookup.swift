import AccessGraph
import Analysis

/// Finds the nodes that identity and target arguments name, tagging a failure with the
/// option that gave the text.
enum NodeLookup {
  /// Finds the node that `text` names: an exact node id, else a unique display name.
  ///
  /// - Parameter option: The option that gave `text`, such as `--from`; nil for a
  ///   positional argument.
  /// - Throws: `NodeArgumentError` when no node or several nodes match.
  static func node(
    _ text: String, option: String? = nil, in graph: AccessGraph
  ) throws(NodeArgumentError) -> NodeID {
    do {
      return try graph.resolveNode(text)
    } catch {
      throw NodeArgumentError(option: option, underlying: error)
    }
  }

  /// Finds the target that `text` names: `admin`, `crown-jewels`, or a node as
  /// `node(_:option:in:)` finds it.
  static func target(
    _ text: String, option: String? = nil, in graph: AccessGraph
  ) throws(NodeArgumentError) -> Target {
    do {
      return try graph.resolveTarget(text)
    } catch {
      throw NodeArgumentError(option: option, underlying: error)
    }
  }

  /// Finds the nodes a source argument names: one node, or a group of identities such as
  /// `kind:human` (see `AccessGraph.resolveSources(_:)`).
  ///
  /// - Throws: `UsageError` for a malformed group, `NodeArgumentError` for an empty group
  ///   or a node that no node or several nodes match.
  static func sources(
    _ text: String, option: ArgumentDefinition, in graph: AccessGraph
  ) throws -> [NodeID] {
    do {
      return try graph.resolveSources(text)
    } catch {
      if case .invalidGroup(_, let expected) = error {
        throw UsageError.invalidValue(text, for: option, expected: expected)
      }
      throw NodeArgumentError(option: option.displayName, underlying: error)
    }
  }
}
