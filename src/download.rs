//! Saving a file the app made (CSV, SVG, JSON) to the user's computer: a Blob and a temporary
//! link, all inside the browser.

use wasm_bindgen::JsCast;

fn fail(what: &str) -> String {
    format!("The file could not be saved ({what}).")
}

fn blob(part: &wasm_bindgen::JsValue, mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| fail("the browser would not make the file"))
}

/// Offer text `contents` as a download named `filename`. Returns a message if the browser refused.
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    save_blob(
        filename,
        &blob(&wasm_bindgen::JsValue::from_str(contents), mime)?,
    )
}

/// Offer binary `contents` (a workbook) as a download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    download_array(filename, mime, &js_sys::Uint8Array::from(contents))
}

/// Offer bytes the browser already holds (a workbook from the export worker) as a download.
pub fn download_array(
    filename: &str,
    mime: &str,
    contents: &js_sys::Uint8Array,
) -> Result<(), String> {
    save_blob(filename, &blob(contents, mime)?)
}

/// Offer a blob the browser already holds as a download named `filename`.
pub fn save_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let window = web_sys::window().ok_or_else(|| fail("no window"))?;
    let document = window.document().ok_or_else(|| fail("no document"))?;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| fail("the browser would not make a link to it"))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link"))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Turn an SVG chart into a PNG at twice its size (sharp on slides) and offer it as a download.
/// The browser draws the SVG into a canvas; `on_error` hears if that fails at any step, including
/// the browser refusing to load the SVG as an image (it then fires `error`, not `load`), so a
/// failure is always reported, never silent.
pub fn download_png(
    filename: &str,
    svg: &str,
    (width, height): (u32, u32),
    on_error: impl Fn(String) + 'static,
) -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let svg_blob = blob(&wasm_bindgen::JsValue::from_str(svg), "image/svg+xml")?;
    let url = web_sys::Url::create_object_url_with_blob(&svg_blob)
        .map_err(|_| fail("the browser would not read the chart"))?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| fail("no image"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| fail("no canvas"))?
        .unchecked_into();
    let scale = 2;
    canvas.set_width(width * scale);
    canvas.set_height(height * scale);
    let filename = filename.to_string();
    let drawn = image.clone();
    let source = url.clone();
    let on_error = std::rc::Rc::new(on_error);
    let report = on_error.clone();
    let not_loaded = on_error.clone();
    let failed_source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let result = (|| -> Result<(), String> {
            let context: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .ok_or_else(|| fail("no drawing surface"))?
                .unchecked_into();
            context
                .draw_image_with_html_image_element_and_dw_and_dh(
                    &drawn,
                    0.0,
                    0.0,
                    f64::from(width * scale),
                    f64::from(height * scale),
                )
                .map_err(|_| fail("the chart could not be drawn"))?;
            let on_blob = Closure::once_into_js(move |png: Option<web_sys::Blob>| {
                let saved = png
                    .ok_or_else(|| fail("the browser made no image"))
                    .and_then(|png| save_blob(&filename, &png));
                if let Err(e) = saved {
                    on_error(e);
                }
            });
            canvas
                .to_blob(on_blob.unchecked_ref())
                .map_err(|_| fail("the image could not be made"))
        })();
        if let Err(e) = result {
            report(e);
        }
    });
    let on_image_error = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&failed_source);
        not_loaded(fail("the browser could not read the chart as an image"));
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_onerror(Some(on_image_error.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// A file name from the scenario's name: letters, digits and dashes only.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "scenario".into()
    } else {
        stem
    }
}
