//! A local anvil node for tests that run the compiled contracts: start it on 127.0.0.1 (killed on
//! drop, so also when a test panics), talk JSON-RPC to it over plain HTTP/1.1, deploy the EEZ with
//! two registered rollups and two accept-everything proof systems ([`deploy`]) or the L2 manager
//! EEZL2 ([`deploy_l2`]), send transactions, trace calls.
//!
//! The anvil binary comes from the `ANVIL` environment variable, which `make test-anvil` sets to
//! the pinned binary it installs (tools/anvil.mk); without it [`Anvil::start`] panics and says so.
//! The contracts are the byte-identical copies in `vectors/contracts/eez-5c51e02/`.

use alloy_primitives::{hex, keccak256, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolValue};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The folder of the compiled contracts (with its trailing slash).
pub const CONTRACTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/contracts/eez-5c51e02/");

/// Gas given to every deployment, transaction and traced call: far above what any batch here
/// needs (the node runs without a block gas limit).
pub const GAS: u64 = 1_000_000_000;

alloy_sol_types::sol! {
    /// `EEZ.registerRollup`.
    function registerRollup(address rollupContract, bytes32 initialState) returns (uint256);
    /// `EEZL2.ROLLUP_ID()`.
    function ROLLUP_ID() returns (uint256);
    /// `EEZL2.SYSTEM_ADDRESS()`.
    function SYSTEM_ADDRESS() returns (address);
    /// `EEZ.rollups(id)`.
    function rollups(uint256 rollupId) returns (address rollupContract, bytes32 stateRoot, uint256 etherBalance);
    /// `IProofSystem.verify`.
    function verify(bytes proof, bytes32 publicInputsHash) returns (bool);
    /// `IRollupContract.checkProofSystemsAndGetVkeys`.
    function checkProofSystemsAndGetVkeys(address[] proofSystems) returns (bytes32[] vkeys);
    /// `IRollupContract.getTimestampAndBlockHash`.
    function getTimestampAndBlockHash(uint64 blockNumber) returns (uint256 timestamp, bytes32 blockHash);
}

/// A running anvil node, listening on 127.0.0.1 only; killed when dropped.
pub struct Anvil {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Anvil {
    /// Starts the binary named by `ANVIL` (panics with how to run the test if it is unset) on a
    /// free loopback port: hardfork osaka (the contracts' EVM version), no block gas limit, no
    /// code-size limit. Returns once `eth_chainId` answers.
    pub fn start() -> Anvil {
        let bin = std::env::var_os("ANVIL").unwrap_or_else(|| {
            panic!(
                "ANVIL is not set: this test needs a local anvil node. Run it through make \
                 (`make test-anvil`, or `make differential-full`), which installs the pinned anvil and sets \
                 ANVIL to its path"
            )
        });
        let mut last_error = String::new();
        // A port picked free can be taken before anvil binds it: try a few.
        for attempt in 0..3 {
            let port = free_port();
            let log = std::env::temp_dir().join(format!("exectable-anvil-{}-{port}.log", std::process::id()));
            let log_file = std::fs::File::create(&log).expect("create the anvil log file");
            let child = Command::new(&bin)
                .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                .args(["--hardfork", "osaka", "--disable-block-gas-limit", "--disable-code-size-limit"])
                .args(["--accounts", "3", "--silent"])
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().expect("clone the log file handle"))
                .stderr(log_file)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start anvil from ANVIL={}: {e}", bin.to_string_lossy()));
            let mut node = Anvil { child, addr: SocketAddr::from(([127, 0, 0, 1], port)), log };
            match node.wait_ready(Duration::from_secs(30)) {
                Ok(()) => return node,
                Err(e) => last_error = format!("attempt {attempt}: {e}"),
            }
        }
        panic!("anvil did not come up: {last_error}");
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                return Err(format!("anvil exited with {status}: {log}"));
            }
            if let Ok(Ok(id)) = self.try_call("eth_chainId", json!([])) {
                if id.is_string() {
                    return Ok(());
                }
            }
            if start.elapsed() > timeout {
                return Err(format!("no answer to eth_chainId on {} after {timeout:?}", self.addr));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The node's address (127.0.0.1:port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// One JSON-RPC call: `Ok(Ok(result))`, `Ok(Err(error object))`, or `Err` on a transport error.
    pub fn try_call(&self, method: &str, params: Value) -> std::io::Result<Result<Value, Value>> {
        let request = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params});
        let response: Value = serde_json::from_slice(&http_post(self.addr, &serde_json::to_vec(&request)?)?)?;
        Ok(rpc_result(response))
    }

    /// One JSON-RPC call whose success the test needs: panics on a transport or RPC error.
    pub fn call(&self, method: &str, params: Value) -> Value {
        match self.try_call(method, params.clone()) {
            Ok(Ok(result)) => result,
            Ok(Err(error)) => panic!("{method} {params}: RPC error {error}"),
            Err(e) => panic!("{method}: transport error {e}"),
        }
    }

    /// A JSON-RPC batch (one HTTP request carrying an array of calls); the answers in call order,
    /// each `Ok(result)` or `Err(error object)`. Panics on a transport error or a missing answer.
    pub fn batch(&self, calls: &[(&str, Value)]) -> Vec<Result<Value, Value>> {
        if calls.is_empty() {
            return Vec::new();
        }
        let requests: Vec<Value> = calls
            .iter()
            .enumerate()
            .map(|(id, (method, params))| json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .collect();
        let body = serde_json::to_vec(&requests).expect("serialise the batch");
        let raw = http_post(self.addr, &body).unwrap_or_else(|e| panic!("JSON-RPC batch: transport error {e}"));
        let answers: Vec<Value> = serde_json::from_slice(&raw)
            .unwrap_or_else(|e| panic!("JSON-RPC batch: not a JSON array ({e}): {}", String::from_utf8_lossy(&raw)));
        let mut ordered: Vec<Option<Result<Value, Value>>> = vec![None; calls.len()];
        for answer in answers {
            let id = answer["id"].as_u64().and_then(|i| usize::try_from(i).ok()).filter(|i| *i < calls.len());
            let id = id.unwrap_or_else(|| panic!("JSON-RPC batch: answer with a bad id: {answer}"));
            ordered[id] = Some(rpc_result(answer));
        }
        ordered.into_iter().enumerate().map(|(i, a)| a.unwrap_or_else(|| panic!("no answer to call {i}"))).collect()
    }

    /// The node's unlocked dev accounts.
    pub fn accounts(&self) -> Vec<Address> {
        let list = self.call("eth_accounts", json!([]));
        list.as_array().expect("eth_accounts: an array").iter().map(parse_address).collect()
    }

    /// Sends a transaction from an unlocked account (`eth_sendTransaction`, no signing) and returns
    /// its receipt (the node mines every transaction at once). `to = None` deploys `data`.
    pub fn transact(&self, from: Address, to: Option<Address>, data: &[u8]) -> Value {
        let mut tx = json!({"from": from.to_string(), "data": hex::encode_prefixed(data), "gas": format!("{GAS:#x}")});
        if let Some(to) = to {
            tx["to"] = json!(to.to_string());
        }
        let hash = self.call("eth_sendTransaction", json!([tx]));
        let start = Instant::now();
        loop {
            let receipt = self.call("eth_getTransactionReceipt", json!([hash]));
            if !receipt.is_null() {
                return receipt;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "no receipt for {hash} after 30 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `eth_call` of `data` to `to` from `from` at the latest block; the return data, or the RPC
    /// error object (a revert) as `Err`.
    pub fn eth_call(&self, from: Address, to: Address, data: &[u8]) -> Result<Vec<u8>, Value> {
        let tx = call_object(from, to, data);
        let answer = self.try_call("eth_call", json!([tx, "latest"])).expect("eth_call transport");
        answer.map(|v| parse_hex(&v))
    }

    /// `debug_traceCall` with the `callTracer` (eth_call semantics at the latest block) of each of
    /// `calldatas` to `to` from `from`, sent as one JSON-RPC batch; the root call frames in order.
    pub fn trace_calls(&self, from: Address, to: Address, calldatas: &[&[u8]]) -> Vec<Result<Value, Value>> {
        let tracer = json!({"tracer": "callTracer"});
        let calls: Vec<(&[u8], &Value)> = calldatas.iter().map(|data| (*data, &tracer)).collect();
        self.trace_each(from, to, &calls)
    }

    /// `debug_traceCall` of each `(calldata, tracer options)` to `to` from `from` at the latest
    /// block, sent as one JSON-RPC batch; the tracers' results in order.
    pub fn trace_each(&self, from: Address, to: Address, calls: &[(&[u8], &Value)]) -> Vec<Result<Value, Value>> {
        let calls: Vec<(&str, Value)> = calls
            .iter()
            .map(|(data, tracer)| ("debug_traceCall", json!([call_object(from, to, data), "latest", tracer])))
            .collect();
        self.batch(&calls)
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// The transaction object of a call (`eth_call`, `debug_traceCall`) with [`GAS`].
fn call_object(from: Address, to: Address, data: &[u8]) -> Value {
    json!({"from": from.to_string(), "to": to.to_string(), "data": hex::encode_prefixed(data), "gas": format!("{GAS:#x}")})
}

/// A loopback port nobody listens on right now (bind port 0, read it, release it).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

fn rpc_result(mut answer: Value) -> Result<Value, Value> {
    match answer.get_mut("error") {
        Some(error) if !error.is_null() => Err(error.take()),
        _ => Ok(answer.get_mut("result").map(Value::take).unwrap_or(Value::Null)),
    }
}

/// POSTs `body` as `application/json` to `http://addr/` (HTTP/1.1, `Connection: close`); the
/// response body (by `Content-Length`, chunked, or up to EOF). Fails on a non-200 status.
fn http_post(addr: SocketAddr, body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(600)))?;
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| bad("no end of HTTP headers"))?;
    let headers = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let rest = &raw[split + 4..];
    let status = headers.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(bad(&format!("HTTP status {status}: {}", String::from_utf8_lossy(rest))));
    }
    let header = |name: &str| {
        headers.lines().find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')).map(str::trim))
    };
    if header("transfer-encoding") == Some("chunked") {
        return dechunk(rest).ok_or_else(|| bad("bad chunked body"));
    }
    match header("content-length").map(str::parse::<usize>) {
        Some(Ok(n)) if n <= rest.len() => Ok(rest[..n].to_vec()),
        Some(_) => Err(bad("body shorter than Content-Length")),
        None => Ok(rest.to_vec()),
    }
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// `0x…` hex in a JSON string as bytes (panics if it is not).
pub fn parse_hex(v: &Value) -> Vec<u8> {
    let s = v.as_str().unwrap_or_else(|| panic!("expected a hex string, got {v}"));
    hex::decode(s).unwrap_or_else(|e| panic!("bad hex {s:?}: {e}"))
}

/// An address in a JSON string.
pub fn parse_address(v: &Value) -> Address {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("expected an address, got {v}"))
}

/// The creation code of the compiled contract `name` (`EEZ`, `Rollup`, `MockProofSystem`, …).
pub fn creation_code(name: &str) -> Vec<u8> {
    let path = format!("{CONTRACTS}{name}.json");
    let artifact: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_hex(&artifact["bytecode"])
}

/// The 4-byte selector of `signature` in the artifact of contract `name` (`methodIdentifiers`).
pub fn selector_of(name: &str, signature: &str) -> [u8; 4] {
    let path = format!("{CONTRACTS}{name}.json");
    let artifact: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let id = artifact["methodIdentifiers"][signature].as_str().unwrap_or_else(|| panic!("{name}: no {signature}"));
    hex::decode(id).unwrap().try_into().unwrap()
}

/// One rollup registered with the EEZ.
#[derive(Debug, Clone)]
pub struct DeployedRollup {
    /// Its rollup id (1, 2).
    pub id: U256,
    /// Its manager: the reference `Rollup` contract.
    pub contract: Address,
    /// The vkey it holds for each proof system (it accepts both).
    pub vkeys: BTreeMap<Address, B256>,
    /// The state root it was registered with.
    pub initial_state: B256,
}

/// The contracts [`deploy`] put on the node.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The first unlocked account: deployer, rollup owner, and sender of every call.
    pub sender: Address,
    /// The EEZ (L1 manager).
    pub eez: Address,
    /// Two `MockProofSystem`s (accept every proof), strictly ascending by address.
    pub proof_systems: Vec<Address>,
    /// Rollups 1 and 2, each managed by a reference `Rollup` (threshold 1) that accepts both proof
    /// systems.
    pub rollups: Vec<DeployedRollup>,
}

impl Deployment {
    /// The rollup whose manager is `contract`.
    pub fn rollup_by_contract(&self, contract: Address) -> Option<&DeployedRollup> {
        self.rollups.iter().find(|r| r.contract == contract)
    }

    /// The rollup with id `id`.
    pub fn rollup_by_id(&self, id: U256) -> Option<&DeployedRollup> {
        self.rollups.iter().find(|r| r.id == id)
    }

    /// Sends `data` (e.g. `postAndVerifyBatch` calldata) to the EEZ in a mined transaction from
    /// [`Deployment::sender`] and returns the receipt JSON (`status`, `logs`, …; not checked).
    pub fn send_to_eez(&self, node: &Anvil, data: &[u8]) -> Value {
        node.transact(self.sender, Some(self.eez), data)
    }
}

/// Deploys two `MockProofSystem`s, the EEZ, two reference `Rollup` managers (owner the first
/// account, threshold 1, both proof systems with distinct vkeys) and registers them: rollup ids 1
/// and 2. Panics if any step fails.
pub fn deploy(node: &Anvil) -> Deployment {
    let sender = node.accounts()[0];
    let create = |name: &str, args: &[u8]| -> Address {
        let mut code = creation_code(name);
        code.extend_from_slice(args);
        let receipt = node.transact(sender, None, &code);
        assert_eq!(receipt["status"], "0x1", "deploying {name} failed: {receipt}");
        parse_address(&receipt["contractAddress"])
    };
    let mut proof_systems = vec![create("MockProofSystem", &[]), create("MockProofSystem", &[])];
    proof_systems.sort();
    let eez = create("EEZ", &[]);
    let mut rollups = Vec::new();
    for n in 1u64..=2 {
        let vkeys: BTreeMap<Address, B256> = proof_systems
            .iter()
            .enumerate()
            .map(|(k, ps)| (*ps, keccak256(format!("exectable vkey: rollup {n}, proof system {k}"))))
            .collect();
        let args = (
            eez,
            sender,
            U256::from(1),
            vkeys.keys().copied().collect::<Vec<_>>(),
            vkeys.values().copied().collect::<Vec<_>>(),
        )
            .abi_encode_params();
        let contract = create("Rollup", &args);
        let initial_state = keccak256(format!("exectable initial state: rollup {n}"));
        let receipt = node.transact(
            sender,
            Some(eez),
            &registerRollupCall { rollupContract: contract, initialState: initial_state }.abi_encode(),
        );
        assert_eq!(receipt["status"], "0x1", "registerRollup of rollup {n} failed: {receipt}");
        let id = U256::from(n);
        let registered = node.eth_call(sender, eez, &rollupsCall { rollupId: id }.abi_encode()).expect("rollups(id)");
        let registered = rollupsCall::abi_decode_returns(&registered).expect("rollups(id) output");
        assert_eq!(registered.rollupContract, contract, "rollup {n} got another id");
        rollups.push(DeployedRollup { id, contract, vkeys, initial_state });
    }
    for ps in &proof_systems {
        let call = verifyCall { proof: Bytes::from_static(b"any"), publicInputsHash: B256::repeat_byte(7) };
        let out = node.eth_call(sender, *ps, &call.abi_encode()).expect("MockProofSystem.verify");
        assert!(verifyCall::abi_decode_returns(&out).expect("verify output"), "MockProofSystem {ps} refuses proofs");
    }
    Deployment { sender, eez, proof_systems, rollups }
}

/// The L2 manager [`deploy_l2`] put on the node.
#[derive(Debug, Clone)]
pub struct L2Deployment {
    /// `SYSTEM_ADDRESS`: the first unlocked account, deployer and the only account allowed to
    /// call `loadExecutionTable` and `executeIncomingCrossChainCall`.
    pub system: Address,
    /// `ROLLUP_ID`: 1.
    pub rollup_id: U256,
    /// The EEZL2.
    pub manager: Address,
}

/// Deploys `EEZL2(rollupId = 1, systemAddress = the first account)` and checks its two getters.
pub fn deploy_l2(node: &Anvil) -> L2Deployment {
    let system = node.accounts()[0];
    let rollup_id = U256::from(1);
    let mut code = creation_code("EEZL2");
    code.extend_from_slice(&(rollup_id, system).abi_encode_params());
    let receipt = node.transact(system, None, &code);
    assert_eq!(receipt["status"], "0x1", "deploying EEZL2 failed: {receipt}");
    let manager = parse_address(&receipt["contractAddress"]);
    let id = node.eth_call(system, manager, &ROLLUP_IDCall {}.abi_encode()).expect("ROLLUP_ID()");
    assert_eq!(ROLLUP_IDCall::abi_decode_returns(&id).expect("ROLLUP_ID output"), rollup_id);
    let sys = node.eth_call(system, manager, &SYSTEM_ADDRESSCall {}.abi_encode()).expect("SYSTEM_ADDRESS()");
    assert_eq!(SYSTEM_ADDRESSCall::abi_decode_returns(&sys).expect("SYSTEM_ADDRESS output"), system);
    L2Deployment { system, rollup_id, manager }
}
