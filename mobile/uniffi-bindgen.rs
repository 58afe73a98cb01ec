//! uniffi's bindgen, built from the exact uniffi version the library links (library mode:
//! `generate --library <cdylib> --language kotlin|swift --out-dir …`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
