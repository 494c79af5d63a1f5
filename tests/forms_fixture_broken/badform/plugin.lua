-- Loads in the sandbox, but its form is not one the host can render: the lint must say so.
return { id = "badform", name = "有误的表单", version = "0.1.0", api = 1, forms = { "form.lua" } }
