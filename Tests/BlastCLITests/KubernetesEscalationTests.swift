import Foundation
import XCTest

/// `blast paths --to admin --json` on the estates of `Fixtures/kubernetes-escalation`: user
/// mallory@example.com of cluster `lab` with one technique's permissions, and service
/// account `ops/admin-bot`, bound to cluster-admin. Each technique has a positive estate and
/// a negative one that the API server would refuse.
final class KubernetesEscalationTests: BlastTestCase {
  private static let root = fixtures.appendingPathComponent("kubernetes-escalation")

  private let mallory = "k8s:lab/user:mallory@example.com"
  private let bot = "k8s:lab/system:serviceaccount:ops:admin-bot"
  private let admin = "k8s:lab/cluster-admin"
  private let node = "k8s:lab/nodes/worker-1"
  private let botPod = "k8s:lab/pods/ops/bot-0"

  private typealias Hop = PathHop

  private func paths(_ technique: String, _ variant: String, line: UInt = #line) throws
    -> [[Hop]]
  {
    try adminPaths(
      in: Self.root.appendingPathComponent(technique).appendingPathComponent(variant),
      from: "mallory@example.com", line: line)
  }

  private var botToAdmin: Hop {
    Hop(from: bot, relation: "access", actions: ["* */*"], to: admin, technique: nil)
  }

  private var botPodRunsAsBot: Hop {
    Hop(from: botPod, relation: "runsAs", actions: [], to: bot, technique: nil)
  }

  func testCreatePodAssumesServiceAccount() throws {
    let first = Hop(
      from: mallory, relation: "assumes", actions: ["create core/pods"], to: bot,
      technique: "Create a pod that runs as a service account")
    XCTAssertEqual(try paths("create-pod", "positive"), [[first, botToAdmin]])
    XCTAssertEqual(try paths("create-pod", "negative-read-only"), [])
  }

  func testPodExecControlsPod() throws {
    let first = Hop(
      from: mallory, relation: "controls", actions: ["create core/pods/exec"], to: botPod,
      technique: "Run a command in a pod")
    XCTAssertEqual(try paths("pod-exec", "positive"), [[first, botPodRunsAsBot, botToAdmin]])
    XCTAssertEqual(try paths("pod-exec", "negative-get-verb"), [])
  }

  func testTokenSecretAssumesServiceAccount() throws {
    let first = Hop(
      from: mallory, relation: "assumes", actions: ["get core/secrets:admin-bot-token"],
      to: bot, technique: "Read a service account token from a secret")
    XCTAssertEqual(try paths("token-secret", "positive"), [[first, botToAdmin]])
    XCTAssertEqual(try paths("token-secret", "negative-other-name"), [])
  }

  func testImpersonationAssumesServiceAccount() throws {
    let first = Hop(
      from: mallory, relation: "assumes",
      actions: ["impersonate core/serviceaccounts:admin-bot"], to: bot,
      technique: "Impersonate a service account")
    XCTAssertEqual(try paths("impersonate", "positive"), [[first, botToAdmin]])
    XCTAssertEqual(try paths("impersonate", "negative-other-namespace"), [])
  }

  func testBindWithBindingWriteEscalatesToClusterAdmin() throws {
    let only = Hop(
      from: mallory, relation: "escalates",
      actions: [
        "create rbac.authorization.k8s.io/clusterrolebindings",
        "bind rbac.authorization.k8s.io/clusterroles:cluster-admin",
      ], to: admin, technique: "Bind a role with every permission in the cluster")
    XCTAssertEqual(try paths("bind-cluster-admin", "positive"), [[only]])
    XCTAssertEqual(try paths("bind-cluster-admin", "negative-without-bind"), [])
  }

  func testEscalateWithRoleWriteEscalatesToClusterAdmin() throws {
    let only = Hop(
      from: mallory, relation: "escalates",
      actions: [
        "escalate rbac.authorization.k8s.io/clusterroles",
        "patch rbac.authorization.k8s.io/clusterroles",
      ], to: admin, technique: "Rewrite a role with the escalate verb in the cluster")
    XCTAssertEqual(try paths("escalate-role", "positive"), [[only]])
    XCTAssertEqual(try paths("escalate-role", "negative-without-escalate"), [])
  }

  func testNodeProxyControlsNodeAndItsPods() throws {
    let first = Hop(
      from: mallory, relation: "controls", actions: ["get core/nodes/proxy"], to: node,
      technique: "Run commands in pods through the kubelet API")
    let second = Hop(from: node, relation: "controls", actions: [], to: botPod, technique: nil)
    XCTAssertEqual(
      try paths("node-proxy", "positive"), [[first, second, botPodRunsAsBot, botToAdmin]])
    XCTAssertEqual(try paths("node-proxy", "negative-role-binding"), [])
  }

  func testPrivilegedPodReachesItsNode() throws {
    let debug = "k8s:lab/pods/web/debug"
    let hops = [
      Hop(
        from: mallory, relation: "controls", actions: ["create core/pods/exec"], to: debug,
        technique: "Run a command in a pod"),
      Hop(
        from: debug, relation: "controls", actions: [], to: node,
        technique: "Escape from a pod to its node"),
      Hop(from: node, relation: "controls", actions: [], to: botPod, technique: nil),
      botPodRunsAsBot, botToAdmin,
    ]
    XCTAssertEqual(try paths("privileged-pod", "positive"), [hops])
    XCTAssertEqual(try paths("privileged-pod", "negative-unprivileged"), [])
  }
}
