const T="{{token}}";
