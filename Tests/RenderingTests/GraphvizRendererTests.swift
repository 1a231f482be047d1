import AccessGraph
import Analysis
import Foundation
import XCTest

@testable import Rendering

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class GraphvizRendererTests: XCTestCase {
  private var dot: String {
    let graph = Fixtures.crossCloud()
    let alice = graph.nodeID(for: "arn:aws:iam::111122223333:user/alice")!
    return DOTWriter().write(Diagram.radius(BlastRadius(of: alice, in: graph), in: graph))
  }

  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("rendering-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
  }

  private func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  // MARK: Formats

  func testRendersSVG() throws {
    let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
    let text = try XCTUnwrap(String(data: svg, encoding: .utf8))

    XCTAssertTrue(text.hasPrefix("<?xml"))
    XCTAssertTrue(text.contains("<svg"))
    XCTAssertTrue(text.contains("account admin"))
    XCTAssertTrue(text.contains("Legend"))
  }

  func testRendersPNG() throws {
    let png = try GraphvizRenderer.render(dot: dot, format: .png)

    XCTAssertGreaterThan(png.count, 1_000)
    XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }

  func testRendersPDF() throws {
    let pdf = try GraphvizRenderer.render(dot: dot, format: .pdf)

    XCTAssertGreaterThan(pdf.count, 1_000)
    XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
  }

  func testDOTFormatReturnsTextUnchanged() throws {
    let text = "not DOT at all"

    XCTAssertEqual(try GraphvizRenderer.render(dot: text, format: .dot), Data(text.utf8))
  }

  func testEveryDiagramKindRenders() throws {
    let graph = Fixtures.wideRadius(bucketCount: 70, secretCount: 5, pathThroughSecret: true)
    let reader = graph.nodeID(for: Fixtures.readerID)!
    let diagrams = [
      Diagram.radius(BlastRadius(of: reader, in: graph), in: graph),
      Diagram.paths(graph.shortestPaths(from: [reader], to: .crownJewels), in: graph),
      Diagram.estate(graph),
      Diagram.paths([], in: graph),
    ]
    for diagram in diagrams {
      let svg = try GraphvizRenderer.render(dot: DOTWriter().write(diagram), format: .svg)
      XCTAssertGreaterThan(svg.count, 100, diagram.title)
    }
  }

  // MARK: Errors

  func testSyntaxErrorBecomesInvalidDOT() {
    XCTAssertThrowsError(try GraphvizRenderer.render(dot: "digraph { a -> ; }", format: .svg)) {
      error in
      guard case .invalidDOT(let reason) = error as? RenderingError else {
        return XCTFail("unexpected error: \(error)")
      }
      XCTAssertTrue(reason.contains("syntax error"), reason)
      XCTAssertFalse((error as! RenderingError).description.contains("\n"))
    }
  }

  func testRenderingWorksAfterSyntaxError() throws {
    _ = try? GraphvizRenderer.render(dot: "digraph { \"unterminated }", format: .svg)
    let svg = try GraphvizRenderer.render(dot: "digraph { a -> b }", format: .svg)

    XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains("<svg"))
  }

  func testUnknownFormatReportsGraphvizMessage() {
    XCTAssertThrowsError(try GraphvizRenderer.render(dot: "digraph { a }", formatName: "bogus")) {
      error in
      guard case .renderFailed(let format, let reason) = error as? RenderingError else {
        return XCTFail("unexpected error: \(error)")
      }
      XCTAssertEqual(format, "bogus")
      // Graphviz 2.43 reports "renderer for bogus is unavailable". The words vary by version.
      XCTAssertTrue(reason.contains("bogus"), reason)
    }
  }

  func testNULCharacterIsRejected() {
    XCTAssertThrowsError(try GraphvizRenderer.render(dot: "digraph { a\u{0} }", format: .png)) {
      error in
      XCTAssertEqual(
        error as? RenderingError, .invalidDOT(reason: "the text contains a NUL character"))
    }
  }

  func testErrorDescriptionsAreOneLine() {
    let errors: [RenderingError] = [
      .contextUnavailable, .invalidDOT(reason: "syntax error in line 1 near '}'"),
      .layoutFailed(reason: "trouble"), .renderFailed(format: "png", reason: "no plugin"),
    ]
    for error in errors {
      XCTAssertFalse(error.description.contains("\n"), error.description)
      XCTAssertFalse(error.description.isEmpty)
    }
    XCTAssertEqual(
      RenderingError.renderFailed(format: "png", reason: "no plugin").description,
      "Graphviz cannot render png: no plugin; check that the Graphviz plugins for png are "
        + "installed (Debian package libgvc6)")
  }

  func testConcurrentRendersAllSucceed() {
    let dot = self.dot
    let results = RenderResults()
    DispatchQueue.concurrentPerform(iterations: 6) { _ in
      results.append(Result { try GraphvizRenderer.render(dot: dot, format: .svg) })
    }
    let outputs = results.values.compactMap { try? $0.get() }

    XCTAssertEqual(outputs.count, 6)
    XCTAssertEqual(Set(outputs).count, 1)
  }

  func testClustersComeOutInDeclarationOrder() throws {
    // Declared from the last name to the first, and rendered after strings of the same
    // size were made and freed, so that neither name order nor fresh addresses give it.
    let numbers = (0..<40).reversed().map { String(format: "%02d", $0) }
    let clusters = numbers.map { "subgraph cluster_\($0) { label=\"group \($0)\"; n\($0) }" }
    let dot = "digraph g {\n" + clusters.joined(separator: "\n") + "\n}\n"
    var renders: [String] = []
    for round in 0..<3 {
      var churn = (0..<2_000).map { String(repeating: "x", count: 10 + $0 % 7) + "\(round)" }
      churn.removeAll { $0.count % 2 == 0 }
      let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
      renders.append(String(decoding: svg, as: UTF8.self))
      XCTAssertFalse(churn.isEmpty)
    }

    let titles = renders[0].split(separator: "\n")
      .filter { $0.hasPrefix("<title>cluster_") }
      .map { $0.dropFirst("<title>cluster_".count).prefix(2) }
    XCTAssertEqual(titles.map(String.init), numbers)
    XCTAssertEqual(renders[1], renders[0])
    XCTAssertEqual(renders[2], renders[0])
  }

  // MARK: Hostile input

  func testHostileSVGParsesWithoutScript() throws {
    let dot = DOTWriter().write(Diagram.estate(Fixtures.hostile()))
    let svg = try GraphvizRenderer.render(dot: dot, format: .svg)
    let text = String(decoding: svg, as: UTF8.self)
    let scan = try SVGScan(text)

    XCTAssertFalse(text.contains("<script"))
    XCTAssertFalse(text.contains("<b>"))
    XCTAssertFalse(scan.elements.contains("script"))
    XCTAssertTrue(scan.text.contains("</text><script>alert(2)</script>"))
    XCTAssertTrue(scan.attributeValues.contains { $0.hasPrefix(Fixtures.longARN + "\n") })
    XCTAssertTrue(scan.attributeValues.contains { $0.contains("&amp;") })
  }
}

/// Results collected from several threads.
private final class RenderResults: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Result<Data, any Error>] = []

  func append(_ result: Result<Data, any Error>) {
    lock.lock()
    defer { lock.unlock() }
    storage.append(result)
  }

  var values: [Result<Data, any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}

/// The element names, attribute values and text of an SVG document, read with `XMLParser`,
/// which fails on anything that is not well-formed XML.
private final class SVGScan: NSObject, XMLParserDelegate {
  private(set) var elements: Set<String> = []
  private(set) var attributeValues: [String] = []
  private(set) var text = ""

  init(_ svg: String) throws {
    super.init()
    // The DOCTYPE names an external DTD; dropping it keeps the parser from any lookup.
    let body = svg.replacingOccurrences(
      of: #"<!DOCTYPE[^>]*>"#, with: "", options: .regularExpression)
    let parser = XMLParser(data: Data(body.utf8))
    parser.delegate = self
    parser.shouldResolveExternalEntities = false
    guard parser.parse() else {
      throw parser.parserError ?? CocoaError(.propertyListReadCorrupt)
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    elements.insert(elementName)
    attributeValues += attributes.values
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }
}
